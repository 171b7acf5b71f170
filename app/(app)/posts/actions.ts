'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { dataAction, formAction, formSubmit, refuse, type ActionResult } from '@/lib/actions/form-action';
import { NamesPrivatePeopleError, UserFacingError } from '@/lib/errors';
import {
  createPostFromEventOnce,
  deletePost,
  getPost,
  previewRegeneration,
  publishPost,
  restorePost,
  revertPost,
  unpublishPost,
  updatePost,
  type PostView,
} from '@/lib/posts/queries';
import { createFromEventSchema, revertPostSchema, styleSchema, updatePostSchema } from '@/lib/posts/validation';
import { offTheRecordCuts } from '@/lib/posts/off-the-record';

const GONE = 'This post no longer exists.';

/** Creates a draft from an event and opens it in the editor; a double submit (same key) makes one draft. */
export const createPostAction = formAction(
  createFromEventSchema.extend({ eventId: z.uuid() }),
  async ({ user, input: { eventId, ...options }, values }) => {
    const { post } = await createPostFromEventOnce(user.id, eventId, { ...options, timeZone: user.timeZone }, values?.idempotencyKey || null);
    return post.id;
  },
  {
    name: 'posts.create',
    input: (formData) => ({
      eventId: formData.get('eventId'),
      style: formData.get('style') ?? undefined,
      includeNotes: formData.get('includeNotes') === 'on',
      includeFollowUps: formData.get('includeFollowUps') === 'on',
    }),
    ids: ['eventId'],
    notFoundMessage: 'This event could not be found.',
    failureMessage: 'The draft could not be created. Nothing was saved; try again.',
    after: (postId) => {
      revalidatePath('/posts');
      redirect(`/posts/${postId}`);
    },
  },
);

/** The other copy of a post, when someone saved it since the editor read it. */
export type PostConflict = { title: string; markdown: string; slug: string; version: number; updatedAt: string; unpublishedChanges: boolean };
/**
 * `offTheRecord`: how many places of the saved post quote a fact marked off the record (the public page cuts them).
 * `unpublishedChanges`: published, and edited since: readers see the text as last published until it is published again.
 */
export type SaveResult = ActionResult<
  { version: number; updatedAt: string; slug: string; offTheRecord: number; offTheRecordInTitle: number; titleWordless: boolean; unpublishedChanges: boolean },
  PostConflict
>;

const toConflict = (p: PostView): PostConflict => ({
  title: p.title,
  markdown: p.bodyMarkdown,
  slug: p.slug,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
  unpublishedChanges: p.unpublishedChanges,
});

/** Autosave from the editor: version-checked, a conflict comes back with the other copy instead of overwriting it. */
export const savePostAction = dataAction(
  updatePostSchema.and(z.object({ id: z.uuid() })),
  async ({ user, input: { id, ...input } }) => {
    const post = await updatePost(user.id, id, input);
    const { cuts, inTitle, titleWordless } = await offTheRecordCuts(user.id, post);
    return {
      version: post.version,
      updatedAt: post.updatedAt.toISOString(),
      slug: post.slug,
      offTheRecord: cuts,
      offTheRecordInTitle: inTitle,
      titleWordless,
      unpublishedChanges: post.unpublishedChanges,
    };
  },
  {
    name: 'posts.save',
    input: (postId: string, input: { title?: string; markdown?: string; slug?: string; style?: string; version: number }) => ({
      ...input,
      id: postId,
    }),
    notFoundMessage: GONE,
    // The editor compares against the other copy's text, not the stored row.
    toConflict: toConflict as (current: never) => PostConflict,
    failureMessage: 'Not saved: something went wrong on our side. Your text is still here.',
  },
);

/**
 * The editor's text with the off-the-record facts it quotes cut, as the public page cuts them ("[…]"): the editor puts
 * it in place of its draft, which then saves as any edit does. Nothing is written here.
 */
export const cutOffTheRecordAction = dataAction(
  z.object({ title: updatePostSchema.shape.title.unwrap(), markdown: updatePostSchema.shape.markdown.unwrap() }),
  async ({ user, input }) => {
    const cut = await offTheRecordCuts(user.id, { title: input.title, bodyMarkdown: input.markdown });
    return { title: cut.title, markdown: cut.bodyMarkdown, cuts: cut.cuts };
  },
  {
    name: 'posts.cut-off-the-record',
    input: (title: string, markdown: string) => ({ title, markdown }),
    write: false,
    failureMessage: 'Could not cut them: something went wrong on our side. Your text is unchanged.',
  },
);

/** A fresh draft from the event, returned for the editor to show and confirm before it replaces anything. */
export const regenerateAction = dataAction(
  z.object({ id: z.uuid(), style: styleSchema, includeNotes: z.boolean(), includeFollowUps: z.boolean() }),
  async ({ user, input: { id, ...choices } }) => previewRegeneration(user.id, id, { ...choices, timeZone: user.timeZone }),
  {
    name: 'posts.regenerate',
    input: (postId: string, style: string, includeNotes: boolean, includeFollowUps = false) => ({
      id: postId,
      style,
      includeNotes,
      includeFollowUps: includeFollowUps === true,
    }),
    write: false,
    notFoundMessage: GONE,
    failureMessage: 'Could not regenerate the draft. Your text is unchanged.',
  },
);

/**
 * Publishes or unpublishes; answers the public address. Publishing a post that names someone who asked not to be
 * named in public is refused (with their names) unless `confirmNamed`, the answer to the browser's warning.
 * Publishing may give the post a new address (one that quoted an off-the-record fact), so the slug comes back too.
 * On a published post, publishing puts out the edits made since, if `version` is still the copy the editor holds.
 */
export const setPublishedAction = dataAction(
  z.object({ id: z.uuid(), publish: z.boolean(), confirmNamed: z.boolean(), version: z.number().int().positive().optional() }),
  async ({ user, input }) => {
    try {
      const post = input.publish
        ? await publishPost(user.id, input.id, { confirmNamed: input.confirmNamed, version: input.version })
        : await unpublishPost(user.id, input.id);
      return {
        status: post.status,
        publishedAt: post.publishedAt?.toISOString() ?? null,
        slug: post.slug,
        // Only when publishing gave it a new address: the one version that change made, which the editor may adopt.
        moved: 'moved' in post && post.moved,
        version: post.version,
        // As the post stands once this is done, at `version`: an editor whose saved copy is that version takes it.
        unpublishedChanges: post.unpublishedChanges,
        url: `/u/${user.handle}/${post.slug}`,
      };
    } catch (err) {
      if (err instanceof NamesPrivatePeopleError) {
        const names = err.named.map((p) => p.name).join(', ');
        refuse({ status: 409, message: `Not published: it names ${names}, who asked not to be named in public.` });
      }
      // A title with no words once the cut is made: said in the panel (which has no title field), and named, so that
      // the editor takes the user to the title.
      if (err instanceof UserFacingError && err.fieldErrors?.title) refuse({ status: err.status, message: err.message, fieldErrors: err.fieldErrors });
      throw err;
    }
  },
  {
    name: 'posts.publish',
    input: (postId: string, publish: boolean, confirmNamed = false, version?: number) => ({
      id: postId,
      publish,
      confirmNamed: confirmNamed === true,
      version,
    }),
    notFoundMessage: GONE,
    conflictMessage: () => 'Not published: this post was changed elsewhere since you opened it. Reload to see that copy first.',
    toConflict: toConflict as (current: never) => PostConflict,
    after: (data, { user }) => {
      revalidatePath('/posts');
      revalidatePath(`/u/${user.handle}`);
      return { ok: true, data };
    },
  },
);

/** Drops the edits made to a published post since it went out, with the version the editor holds; answers the text. */
export const revertPostAction = dataAction(
  revertPostSchema.extend({ id: z.uuid() }),
  async ({ user, input }) => {
    const post = await revertPost(user.id, input.id, input.version);
    // With what the page cuts from the text put back: the editor's "[…]" warnings are of the text it shows.
    const { cuts, inTitle, titleWordless } = await offTheRecordCuts(user.id, post);
    return {
      title: post.title,
      markdown: post.bodyMarkdown,
      version: post.version,
      updatedAt: post.updatedAt.toISOString(),
      offTheRecord: cuts,
      offTheRecordInTitle: inTitle,
      titleWordless,
    };
  },
  {
    name: 'posts.revert',
    input: (postId: string, version: number) => ({ id: postId, version }),
    notFoundMessage: GONE,
    conflictMessage: () => 'Nothing was put back: this post was changed elsewhere since you opened it. Reload to see that copy first.',
    toConflict: toConflict as (current: never) => PostConflict,
    after: (data, { user }) => {
      revalidatePath('/posts');
      revalidatePath(`/u/${user.handle}`);
      return { ok: true, data };
    },
  },
);

/** Deletes a post (soft, with undo on the list). */
export const deletePostAction = formSubmit(
  z.object({ postId: z.uuid() }),
  async ({ user, input: { postId } }) => {
    await getPost(user.id, postId);
    await deletePost(user.id, postId);
    return postId;
  },
  {
    name: 'posts.delete',
    ids: ['postId'],
    after: (id) => {
      revalidatePath('/posts');
      redirect(`/posts?deleted=${id}`);
    },
    onRefusal: () => redirect('/posts'),
  },
);

/** Undoes a delete. */
export const restorePostAction = formSubmit(
  z.object({ postId: z.uuid() }),
  async ({ user, input: { postId } }) => {
    await restorePost(user.id, postId);
    return postId;
  },
  {
    name: 'posts.restore',
    ids: ['postId'],
    after: (id) => {
      revalidatePath('/posts');
      redirect(`/posts/${id}`);
    },
    onRefusal: () => redirect('/posts'),
  },
);
