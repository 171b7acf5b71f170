'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { UserFacingError, VersionConflictError } from '@/lib/errors';
import { errorState, fieldErrorsOf, type FormState, formValues } from '@/lib/forms';
import { mergeOrganisationFormSchema, mergeOrganisations, OrganisationMergeConflictError } from '@/lib/organisations/merge';
import { organisationUpdateSchema, updateOrganisation, type OrganisationView } from '@/lib/organisations/queries';
import { findOrganisationByName } from '@/lib/organisations/find-or-create';

const idSchema = z.uuid();

/** Renames or re-files an organisation; a stale version shows what changed and keeps the typed text. */
export async function updateOrganisationAction(id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const orgId = idSchema.safeParse(id);
  if (!orgId.success) return { message: 'That organisation was not found.', values };
  const parsed = organisationUpdateSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await updateOrganisation(user.id, orgId.data, parsed.data);
  } catch (err) {
    if (err instanceof VersionConflictError) {
      const current = err.current as OrganisationView;
      return {
        message: `Someone changed this organisation meanwhile (it is now called "${current.name}"${current.sector ? `, in ${current.sector.name}` : ''}). Your text is kept: save again to use it.`,
        values: { ...values, version: String(current.version) },
      };
    }
    if (err instanceof UserFacingError) return errorState(err, values);
    console.error('organisation update failed', err);
    return { message: 'Something went wrong. Nothing was saved.', values };
  }
  revalidatePath('/organisations');
  revalidatePath(`/organisations/${orgId.data}`);
  revalidatePath('/people');
  return { ok: true, message: 'Saved.', values };
}

/** Folds another organisation (chosen by name) into this one. */
export async function mergeOrganisationAction(keepId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const keep = idSchema.safeParse(keepId);
  if (!keep.success) return { message: 'That organisation was not found.', values };
  const parsed = mergeOrganisationFormSchema.safeParse({ otherName: values.otherName ?? '', keepVersion: values.keepVersion || undefined });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const otherId = await findOrganisationByName(user.id, parsed.data.otherName);
  if (!otherId) return { fieldErrors: { otherName: ['You have no organisation with that name'] }, values };
  let mergeId: string;
  try {
    mergeId = (await mergeOrganisations(user.id, keep.data, otherId, { keepVersion: parsed.data.keepVersion })).mergeId;
  } catch (err) {
    if (err instanceof OrganisationMergeConflictError) {
      const { keep: now, other } = err.current;
      const describe = (o: OrganisationView) => [o.name, o.sector?.name, o.website].filter(Boolean).join(' · ');
      return {
        message: `Someone changed this organisation meanwhile (now “${describe(now)}”; merging in “${describe(other)}”). Nothing was merged: merge again to go ahead with the latest.`,
        values: { ...values, keepVersion: String(now.version) },
      };
    }
    if (err instanceof UserFacingError) return errorState({ message: err.message, fieldErrors: err.fieldErrors && { otherName: Object.values(err.fieldErrors).flat() } }, values);
    console.error('organisation merge failed', err);
    return { message: 'Something went wrong. Nothing was merged.', values };
  }
  revalidatePath('/organisations');
  revalidatePath('/people');
  redirect(`/organisations/${keep.data}?merged=${mergeId}`);
}
