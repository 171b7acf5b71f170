import { z } from 'zod';
import { requiredText } from '@/lib/validation/text';

/** One topic as typed: an event's, an encounter's or a person's. */
export const topicName = requiredText(60, 'A topic cannot be empty', { tooLong: 'Keep a topic to 60 characters' });

/** Up to 30 topics; absent is none. */
export const topicList = z.array(topicName).max(30, 'At most 30 topics').optional().default([]);
