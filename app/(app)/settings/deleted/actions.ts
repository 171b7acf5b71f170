'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { DELETED_KINDS, liveItem, restoreDeleted } from '@/lib/deleted/queries';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import type { FormState } from '@/lib/forms';
import { undoMerge } from '@/lib/merges/undo';

const restoreSchema = z.object({ kind: z.enum(DELETED_KINDS), id: z.uuid() });

/** Restores one item from Recently deleted and comes back to the list, which names what came back. */
export async function restoreDeletedAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = restoreSchema.safeParse({ kind: formData.get('kind'), id: formData.get('id') });
  if (!parsed.success) redirect('/settings/deleted?gone=1');
  const { kind, id } = parsed.data;
  try {
    await restoreDeleted(user.id, kind, id);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    // A second tap on the same Restore finds it already back, which is what was asked. Otherwise it is past the
    // window, or was never this user's: both read the same.
    if (!(await liveItem(user.id, kind, id))) redirect('/settings/deleted?gone=1');
  }
  revalidatePath('/', 'layout');
  redirect(`/settings/deleted?restored=${kind}:${id}`);
}

const undoSchema = z.object({ mergeId: z.uuid(), then: z.enum(['list', 'record']).default('record') });

/**
 * Undoes a merge (from the banner right after it, or from Recently deleted): both records come back as they were.
 * A merge that can no longer be undone says why, in place.
 */
export async function undoMergeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = undoSchema.safeParse({ mergeId: formData.get('mergeId'), then: formData.get('then') ?? undefined });
  if (!parsed.success) return { message: 'That merge was not found, or can no longer be undone.' };
  let done: Awaited<ReturnType<typeof undoMerge>>;
  try {
    done = await undoMerge(user.id, parsed.data.mergeId);
  } catch (err) {
    if (err instanceof UserFacingError) return { message: err.message };
    console.error('undo merge failed', err);
    return { message: 'Something went wrong. Nothing was changed.' };
  }
  revalidatePath('/', 'layout');
  if (parsed.data.then === 'list') redirect('/settings/deleted?unmerged=1');
  if (done.kind === 'person') redirect(`/people/${done.keptId}?unmerged=${done.mergedId}`);
  if (done.kind === 'organisation') redirect(`/organisations/${done.keptId}?unmerged=${done.mergedId}`);
  redirect('/settings?unmerged=1#sectors');
}
