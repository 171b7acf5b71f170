import { z } from 'zod';
import { cursorCodec } from '@/lib/validation/cursor';
import { instantString } from '@/lib/validation/dates';

/** Where a page of the events list stopped: the last event's start and id. */
export const eventCursor = cursorCodec(z.tuple([instantString, z.uuid()]).transform(([iso, id]) => ({ startsAt: new Date(iso), id })));
