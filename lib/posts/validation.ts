import { z } from 'zod';
import { POST_STYLES } from './types';
import { slugify as slugifyText } from '@/lib/slug';
import { CANNOT_STORE, requiredText, storable } from '@/lib/validation/text';
import { postCursor } from './cursor';

const MAX_TITLE = 200;
const MAX_MARKDOWN = 100_000;

export const styleSchema = z.enum(POST_STYLES as ['narrative', 'summary', 'social'], {
  error: 'Choose narrative, summary or social.',
});

/** Creating a draft from an event. */
export const createFromEventSchema = z.strictObject({
  style: styleSchema.default('narrative'),
  includeNotes: z.boolean().default(false),
  includeFollowUps: z.boolean().default(false).describe('Put your follow-ups, your private to-do list, in the draft (off unless true): they may name people'),
});

const title = requiredText(MAX_TITLE, 'Give the post a title.', { tooLong: `Keep the title to ${MAX_TITLE} characters.` });

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Give the post an address.')
  .max(80, 'Keep the address to 80 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes, like "cio-club-april".');

/** An edit: every field optional except the version it was based on. */
export const updatePostSchema = z
  .object({
    title: title.optional(),
    markdown: z
      .string()
      .max(MAX_MARKDOWN, `Keep the post to ${MAX_MARKDOWN.toLocaleString('en-GB')} characters.`)
      .refine(storable, CANNOT_STORE)
      .optional(),
    slug: slugSchema.optional(),
    /** Set when the text was regenerated in another style. */
    style: styleSchema.optional(),
    version: z.number({ error: 'Send the version you edited.' }).int().positive(),
    /**
     * Accepted and no longer needed: an edit of a published post is held from readers until it is published, and
     * publishing asks about the people it names.
     */
    confirmNamed: z.boolean().optional(),
  })
  .strict();

/** Body of POST /api/v1/posts/{id}/publish (optional): confirms naming people who asked not to be named. */
export const publishPostSchema = z
  .object({
    confirmNamed: z.boolean().optional(),
    /** The version you read: a post changed since is not published (409 with the current copy). */
    version: z.number().int().positive().optional(),
  })
  .strict();

/** Putting back the text readers see drops the edits since it went out: with the version you read, as an edit. */
export const revertPostSchema = z.object({ version: z.number({ error: 'Send the version you read.' }).int().positive() }).strict();

export type UpdatePostInput = z.infer<typeof updatePostSchema>;

export const listPostsSchema = z.object({
  status: z.enum(['draft', 'published']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: postCursor.input,
});

/** A URL-safe slug from a title: "CIO Club: April!" → "cio-club-april". */
export function slugify(title: string): string {
  return slugifyText(title, 60) || 'post';
}
