import { z } from 'zod';
import { cursorCodec } from '@/lib/validation/cursor';
import { instantString } from '@/lib/validation/dates';

/** Where a page of the posts list stopped: the last post's last edit and id. */
export const postCursor = cursorCodec(z.object({ updatedAt: instantString, id: z.uuid() }));
