'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formSubmit } from '@/lib/actions/form-action';
import { DELETED_KINDS, liveItem, restoreDeleted } from '@/lib/deleted/queries';
import { NotFoundError } from '@/lib/errors';

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
