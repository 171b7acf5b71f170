'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { NamesPrivatePeopleError, NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import type { FormState } from '@/lib/forms';
import {
  createPostFromEventOnce,
  deletePost,
  getPost,
  previewRegeneration,
  publishPost,
  restorePost,
  unpublishPost,
  updatePost,
  type PostView,
} from '@/lib/posts/queries';
import { createFromEventSchema, styleSchema, updatePostSchema } from '@/lib/posts/validation';

const uuid = z.uuid();

/** Creates a draft from an event and opens it in the editor; a double submit (same key) makes one draft. */
export async function createPostAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const eventId = uuid.safeParse(formData.get('eventId'));
  if (!eventId.success) return { message: 'This event could not be found.' };
  const parsed = createFromEventSchema.safeParse({
    style: formData.get('style') ?? undefined,
    includeNotes: formData.get('includeNotes') === 'on',
  });
  const values = { style: String(formData.get('style') ?? ''), includeNotes: String(formData.get('includeNotes') ?? '') };
  if (!parsed.success) return { fieldErrors: { style: ['Choose a style.'] }, values };
  const key = String(formData.get('idempotencyKey') ?? '');
  let postId: string;
  try {
    const { post } = await createPostFromEventOnce(user.id, eventId.data, { ...parsed.data, timeZone: user.timeZone }, key || null);
    postId = post.id;
  } catch (err) {
    if (err instanceof UserFacingError) return { message: err.message, values };
    console.error('createPostAction', err);
    return { message: 'The draft could not be created. Nothing was saved; try again.', values };
  }
  revalidatePath('/posts');
  redirect(`/posts/${postId}`);
}

export type SaveResult =
  | { ok: true; version: number; updatedAt: string; slug: string }
  | {
      ok: false;
      conflict?: { title: string; markdown: string; version: number; updatedAt: string };
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** People the edit would newly name in public although they asked not to be: save again with confirmNamed. */
      named?: { id?: string; name: string }[];
    };

const toConflict = (p: PostView) => ({ title: p.title, markdown: p.bodyMarkdown, version: p.version, updatedAt: p.updatedAt.toISOString() });

/** Autosave from the editor: version-checked, a conflict comes back with the other copy instead of overwriting it. */
export async function savePostAction(
  postId: string,
  input: { title?: string; markdown?: string; slug?: string; style?: string; version: number; confirmNamed?: boolean },
): Promise<SaveResult> {
  const user = await requireUser();
  if (!uuid.safeParse(postId).success) return { ok: false, message: 'This post no longer exists.' };
  const parsed = updatePostSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
    return { ok: false, message: 'Not saved: fix the highlighted field.', fieldErrors };
  }
  try {
    const post = await updatePost(user.id, postId, parsed.data);
    return { ok: true, version: post.version, updatedAt: post.updatedAt.toISOString(), slug: post.slug };
  } catch (err) {
    if (err instanceof VersionConflictError) {
      return { ok: false, message: err.message, conflict: toConflict(err.current as PostView) };
    }
    if (err instanceof NamesPrivatePeopleError) {
      const names = err.named.map((p) => p.name).join(', ');
      return { ok: false, message: `Not saved: this published post would name ${names}, who asked not to be named in public. Your text is still here.`, named: err.named };
    }
    if (err instanceof UserFacingError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    console.error('savePostAction', err);
    return { ok: false, message: 'Not saved: something went wrong on our side. Your text is still here.' };
  }
}

/** A fresh draft from the event, returned for the editor to show and confirm before it replaces anything. */
export async function regenerateAction(postId: string, style: string, includeNotes: boolean) {
  const user = await requireUser();
  const parsedStyle = styleSchema.safeParse(style);
  const parsedNotes = z.boolean().safeParse(includeNotes);
  if (!uuid.safeParse(postId).success || !parsedStyle.success || !parsedNotes.success) return { ok: false as const, message: 'Choose a style.' };
  try {
    const draft = await previewRegeneration(user.id, postId, { style: parsedStyle.data, includeNotes: parsedNotes.data, timeZone: user.timeZone });
    return { ok: true as const, ...draft };
  } catch (err) {
    if (err instanceof UserFacingError) return { ok: false as const, message: err.message };
    console.error('regenerateAction', err);
    return { ok: false as const, message: 'Could not regenerate the draft. Your text is unchanged.' };
  }
}

/**
 * Publishes or unpublishes; answers the public address. Publishing a post that names someone who asked not to be
 * named in public is refused (with their names) unless `confirmNamed`, the answer to the browser's warning.
 */
export async function setPublishedAction(postId: string, publish: boolean, confirmNamed = false) {
  const user = await requireUser();
  if (!uuid.safeParse(postId).success) return { ok: false as const, message: 'This post no longer exists.' };
  try {
    const post = publish
      ? await publishPost(user.id, postId, { confirmNamed: confirmNamed === true })
      : await unpublishPost(user.id, postId);
    revalidatePath('/posts');
    revalidatePath(`/u/${user.handle}`);
    return {
      ok: true as const,
      status: post.status,
      publishedAt: post.publishedAt?.toISOString() ?? null,
      url: `/u/${user.handle}/${post.slug}`,
    };
  } catch (err) {
    if (err instanceof NotFoundError) return { ok: false as const, message: 'This post no longer exists.' };
    if (err instanceof NamesPrivatePeopleError) {
      const names = err.named.map((p) => p.name).join(', ');
      return { ok: false as const, message: `Not published: it names ${names}, who asked not to be named in public.`, named: err.named };
    }
    console.error('setPublishedAction', err);
    return { ok: false as const, message: 'Something went wrong on our side; nothing changed.' };
  }
}

/** Deletes a post (soft, with undo on the list). */
export async function deletePostAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = uuid.safeParse(formData.get('postId'));
  if (!id.success) redirect('/posts');
  await getPost(user.id, id.data).catch(() => redirect('/posts'));
  await deletePost(user.id, id.data);
  revalidatePath('/posts');
  redirect(`/posts?deleted=${id.data}`);
}

/** Undoes a delete. */
export async function restorePostAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = uuid.safeParse(formData.get('postId'));
  if (!id.success) redirect('/posts');
  try {
    await restorePost(user.id, id.data);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    redirect('/posts');
  }
  revalidatePath('/posts');
  redirect(`/posts/${id.data}`);
}
