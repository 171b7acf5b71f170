'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction, type ActionResult } from '@/lib/actions/form-action';
import { createSector, deleteSector, renameSector, sectorNameSchema } from '@/lib/sectors/queries';

const NOT_FOUND = 'That sector was not found.';

function done(message: string): ActionResult<never> {
  revalidatePath('/settings');
  revalidatePath('/people');
  revalidatePath('/organisations');
  return { ok: true, message };
}

/** Adds a sector. */
export const addSectorAction = formAction(
  z.object({ name: sectorNameSchema }),
  async ({ user, input }) => {
    await createSector(user.id, input.name);
    return input.name;
  },
  { name: 'sectors.add', after: (name) => done(`Added ${name}.`) },
);

/** Renames a sector. */
export const renameSectorAction = formAction(
  z.object({ id: z.uuid(NOT_FOUND), name: sectorNameSchema }),
  async ({ user, input }) => {
    await renameSector(user.id, input.id, input.name);
  },
  { name: 'sectors.rename', notFoundMessage: NOT_FOUND, after: () => done('Renamed.') },
);

/** Deletes a sector, moving its people and organisations to the chosen one (a merge) when it is in use. */
export const deleteSectorAction = formAction(
  z.object({ id: z.uuid(NOT_FOUND), reassignTo: z.union([z.literal(''), z.uuid(NOT_FOUND)]).default('') }),
  async ({ user, input }) => {
    await deleteSector(user.id, input.id, input.reassignTo || null);
    return input.reassignTo ? 'Merged.' : 'Deleted.';
  },
  { name: 'sectors.delete', notFoundMessage: NOT_FOUND, after: (message) => done(message) },
);
