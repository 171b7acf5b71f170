'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { DELETED_KINDS, liveItem, restoreDeleted } from '@/lib/deleted/queries';
import { NotFoundError } from '@/lib/errors';

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
