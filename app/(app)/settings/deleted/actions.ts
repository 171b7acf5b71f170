'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, formSubmit } from '@/lib/actions/form-action';
import { DELETED_KINDS, liveItem, restoreDeleted } from '@/lib/deleted/queries';
import { NotFoundError } from '@/lib/errors';
import { undoMerge } from '@/lib/merges/undo';

const restoreSchema = z.object({ kind: z.enum(DELETED_KINDS), id: z.uuid() });

/** Restores one item from Recently deleted and comes back to the list, which names what came back. */
export const restoreDeletedAction = formSubmit(
  restoreSchema,
  async ({ user, input: { kind, id } }) => {
    try {
      await restoreDeleted(user.id, kind, id);
    } catch (err) {
      // A second tap on the same Restore finds it already back, which is what was asked. Otherwise it is past the
      // window, or was never this user's: both read the same.
      if (!(err instanceof NotFoundError) || !(await liveItem(user.id, kind, id))) throw err;
    }
    return { kind, id };
  },
  {
    name: 'deleted.restore',
    onRefusal: () => redirect('/settings/deleted?gone=1'),
    after: ({ kind, id }) => {
      revalidatePath('/', 'layout');
      redirect(`/settings/deleted?restored=${kind}:${id}`);
    },
  },
);

const undoSchema = z.object({ mergeId: z.uuid(), then: z.enum(['list', 'record']).default('record') });

/**
 * Undoes a merge (from the banner right after it, or from Recently deleted): both records come back as they were.
 * A merge that can no longer be undone says why, in place.
 */
export const undoMergeAction = formAction(undoSchema, async ({ user, input }) => ({ ...(await undoMerge(user.id, input.mergeId)), then: input.then }), {
  name: 'merges.undo',
  ids: ['mergeId'],
  notFoundMessage: 'That merge was not found, or can no longer be undone.',
  input: (formData) => ({ mergeId: formData.get('mergeId'), then: formData.get('then') ?? undefined }),
  after: (done) => {
    revalidatePath('/', 'layout');
    if (done.then === 'list') redirect('/settings/deleted?unmerged=1');
    if (done.kind === 'person') redirect(`/people/${done.keptId}?unmerged=${done.mergedId}`);
    if (done.kind === 'organisation') redirect(`/organisations/${done.keptId}?unmerged=${done.mergedId}`);
    if (done.kind === 'topic') redirect(`/topics/${done.mergedId}`);
    redirect('/settings?unmerged=1#sectors');
  },
});
