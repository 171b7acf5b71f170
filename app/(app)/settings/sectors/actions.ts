'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { UserFacingError } from '@/lib/errors';
import { errorState, fieldErrorsOf, type FormState, formValues } from '@/lib/forms';
import { SectorMergeConflictError } from '@/lib/sectors/merge';
import { createSector, deleteSector, renameSector } from '@/lib/sectors/queries';

const idSchema = z.uuid();

function refresh() {
  revalidatePath('/settings');
  revalidatePath('/people');
  revalidatePath('/organisations');
}

async function run(values: Record<string, string>, work: () => Promise<unknown>, done: string): Promise<FormState> {
  try {
    await work();
  } catch (err) {
    if (err instanceof SectorMergeConflictError) {
      const { from, into } = err.current;
      return {
        message: `Changed since you opened this page: now “${from.name}” (merging into “${into.name}”). Nothing was merged: try again to go ahead.`,
        values: { ...values, version: String(from.version) },
      };
    }
    if (err instanceof z.ZodError) return { fieldErrors: { name: fieldErrorsOf(err)._form ?? ['Check the name'] }, values };
    if (err instanceof UserFacingError) return errorState(err, values);
    console.error('sector action failed', err);
    return { message: 'Something went wrong. Nothing was changed.', values };
  }
  refresh();
  return { ok: true, message: done };
}

/** Adds a sector. */
export async function addSectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  return run(values, () => createSector(user.id, values.name ?? ''), `Added ${values.name?.trim()}.`);
}

/** Renames a sector. */
export async function renameSectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const id = idSchema.safeParse(values.id);
  if (!id.success) return { message: 'That sector was not found.', values };
  return run(values, () => renameSector(user.id, id.data, values.name ?? ''), 'Renamed.');
}

/** Deletes a sector, moving its people and organisations to the chosen one (a merge) when it is in use. */
export async function deleteSectorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const id = idSchema.safeParse(values.id);
  const into = z.union([z.literal(''), z.uuid()]).safeParse(values.reassignTo ?? '');
  if (!id.success || !into.success) return { message: 'That sector was not found.', values };
  const version = z.coerce.number().int().min(1).safeParse(values.version);
  let mergeId: string | undefined;
  const state = await run(
    values,
    async () => {
      const done = await deleteSector(user.id, id.data, into.data || null, { fromVersion: version.success ? version.data : undefined });
      mergeId = done?.mergeId;
    },
    into.data ? 'Merged.' : 'Deleted.',
  );
  // After a merge, the page says so with the way back (the merged sector's row is gone, and its form with it).
  if (state.ok && mergeId) redirect(`/settings?merged=${mergeId}#sectors`);
  return state;
}
