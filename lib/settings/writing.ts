import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { db, type DbOrTx } from '@/db/client';
import { posts, users } from '@/db/schema';
import { writingHabits } from '@/lib/posts/habits';
import type { WritingStyle } from '@/lib/posts/types';

const emptyAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The Settings → Writing form. "auto" leaves a choice to the user's habits (their published posts) or the style. */
export const writingFormSchema = z.object({
  length: z.enum(['short', 'usual', 'long'], { error: 'Choose a length' }),
  headings: z.enum(['auto', 'on', 'off'], { error: 'Choose whether drafts have headings' }),
  spelling: z.enum(['british', 'american'], { error: 'Choose British or American English' }),
  unnamed: z.enum(['role', 'sector', 'guest'], { error: 'Choose how to refer to people who asked not to be named' }),
  timeRef: z.enum(['auto', 'relative', 'date'], { error: 'Choose how a draft says when' }),
  signOff: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .max(120, 'Keep the sign-off to 120 characters')
      .refine((s) => !/[\r\n]/.test(s), 'The sign-off is one line')
      .optional(),
  ),
});
export type WritingForm = z.infer<typeof writingFormSchema>;

/** What is stored: only what the user chose; anything missing comes from habits, then defaults. */
const storedSchema = z
  .object({
    length: z.enum(['short', 'usual', 'long']).optional(),
    headings: z.boolean().optional(),
    spelling: z.enum(['british', 'american']).optional(),
    unnamed: z.enum(['role', 'sector', 'guest']).optional(),
    timeRef: z.enum(['relative', 'date']).optional(),
    signOff: z.string().max(120).nullable().optional(),
  })
  .catch({});
export type StoredWriting = z.infer<typeof storedSchema>;

/** Form values to what is stored: "auto" is left unset. */
export function storedFromForm(form: WritingForm): StoredWriting {
  return {
    length: form.length,
    spelling: form.spelling,
    unnamed: form.unnamed,
    ...(form.headings === 'auto' ? {} : { headings: form.headings === 'on' }),
    ...(form.timeRef === 'auto' ? {} : { timeRef: form.timeRef }),
    signOff: form.signOff ?? null,
  };
}

/** The user's saved choices (empty until they save the form once). */
export async function getStoredWriting(conn: DbOrTx, userId: string): Promise<{ saved: boolean; stored: StoredWriting }> {
  const [row] = await conn.select({ writing: users.writing }).from(users).where(eq(users.id, userId));
  return { saved: !!row?.writing, stored: storedSchema.parse(row?.writing ?? {}) };
}

/** Habits read from the user's most recent published posts. */
async function getWritingHabits(conn: DbOrTx, userId: string): Promise<Partial<WritingStyle>> {
  const rows = await conn
    .select({ body: posts.bodyMarkdown })
    .from(posts)
    .where(and(eq(posts.userId, userId), eq(posts.status, 'published'), isNull(posts.deletedAt)))
    .orderBy(desc(posts.publishedAt))
    .limit(20);
  return writingHabits(rows.map((r) => r.body));
}

/**
 * How the composer should write for this user: their saved choices first, then habits from their published
 * posts, then the defaults (which the composer fills in). A sign-off from habits counts only until the user
 * saves the form, where an empty sign-off then means none.
 */
export async function writingFor(conn: DbOrTx, userId: string): Promise<Partial<WritingStyle>> {
  const [{ saved, stored }, habits] = await Promise.all([getStoredWriting(conn, userId), getWritingHabits(conn, userId)]);
  const chosen = Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined)) as Partial<WritingStyle>;
  const merged: Partial<WritingStyle> = { ...habits, ...chosen };
  if (saved) merged.signOff = stored.signOff ?? null;
  return merged;
}

/**
 * The Settings → Writing form as it opens: what the user saved, else what their published posts suggest, else the
 * defaults. A sign-off from habits is offered only until the form has been saved once.
 */
export async function getWritingFormValues(userId: string): Promise<Record<keyof WritingForm, string>> {
  const [{ saved, stored }, habits] = await Promise.all([getStoredWriting(db, userId), getWritingHabits(db, userId)]);
  return {
    length: stored.length ?? 'usual',
    headings: stored.headings === undefined ? 'auto' : stored.headings ? 'on' : 'off',
    spelling: stored.spelling ?? habits.spelling ?? 'british',
    timeRef: stored.timeRef ?? 'auto',
    unnamed: stored.unnamed ?? 'role',
    signOff: (saved ? stored.signOff : habits.signOff) ?? '',
  };
}

/** Saves the user's writing settings. */
export async function updateWriting(userId: string, form: WritingForm): Promise<void> {
  await db
    .update(users)
    .set({ writing: storedFromForm(form), updatedAt: new Date() })
    .where(eq(users.id, userId));
}
