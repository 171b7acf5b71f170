'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, pairAction, refuse } from '@/lib/actions/form-action';
import { UserFacingError } from '@/lib/errors';
import { requiredText } from '@/lib/validation/text';
import { mergeOrganisations, OrganisationMergeConflictError } from '@/lib/organisations/merge';
import { organisationUpdateSchema, updateOrganisation, type OrganisationView } from '@/lib/organisations/queries';
import { findOrganisationByName } from '@/lib/organisations/find-or-create';
import { markOrganisationsNotDuplicate, unmarkOrganisationsNotDuplicate } from '@/lib/organisations/duplicates';

const NOT_FOUND = 'That organisation was not found.';

/** Renames or re-files an organisation; a stale version shows what changed and keeps the typed text. */
export const updateOrganisationAction = formAction(
  organisationUpdateSchema.extend({ id: z.uuid() }),
  async ({ user, input: { id, ...input } }) => {
    await updateOrganisation(user.id, id, input);
    return id;
  },
  {
    name: 'organisations.update',
    // The form's fields by name, so that nothing else a request carries (React's $ACTION_ keys, or any field a caller
    // adds) reaches the schema. A field the form does not carry stays absent (undefined, not get()'s null, which
    // would clear the website or the notes).
    input: (formData: FormData, id: string) => ({
      name: formData.get('name') ?? undefined,
      sectorId: formData.get('sectorId') ?? undefined,
      website: formData.get('website') ?? undefined,
      notes: formData.get('notes') ?? undefined,
      version: formData.get('version') ?? undefined,
      id,
    }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: (current: OrganisationView) =>
      `Someone changed this organisation meanwhile (it is now called "${current.name}"${current.sector ? `, in ${current.sector.name}` : ''}). What you changed is kept and the rest now shows theirs: save again to keep both.`,
    after: (id, { values }) => {
      revalidatePath('/organisations');
      revalidatePath(`/organisations/${id}`);
      revalidatePath('/people');
      return { ok: true, message: 'Saved.', values };
    },
  },
);

/** Folds another organisation (chosen by name) into this one. */
export const mergeOrganisationAction = formAction(
  z.union([
    z.object({
      id: z.uuid(),
      otherName: requiredText(200, 'Choose the organisation to merge into this one', { oneLine: true, tooLong: 'Keep the name to 200 characters' }),
      keepVersion: z.coerce.number().int().min(1).optional(),
    }),
    // A possible duplicate's one-tap merge names the other by id: renamed meanwhile, it is still the one meant.
    z.object({ id: z.uuid(), otherId: z.uuid(), keepVersion: z.coerce.number().int().min(1).optional() }),
  ]),
  async ({ user, input }) => {
    const otherId = 'otherId' in input ? input.otherId : await findOrganisationByName(user.id, input.otherName);
    if (!otherId) refuse({ fieldErrors: { otherName: ['You have no organisation with that name'] } });
    try {
      return { keepId: input.id, mergeId: (await mergeOrganisations(user.id, input.id, otherId, { keepVersion: input.keepVersion })).mergeId };
    } catch (err) {
      if (err instanceof OrganisationMergeConflictError) {
        const { keep: now, other } = err.current;
        const describe = (o: OrganisationView) => [o.name, o.sector?.name, o.website].filter(Boolean).join(' · ');
        refuse({
          status: 409,
          message: `Someone changed this organisation meanwhile (now “${describe(now)}”; merging in “${describe(other)}”). Nothing was merged: merge again to go ahead with the latest.`,
          values: { keepVersion: String(now.version) },
        });
      }
      // Whatever field lib names, on this form the only one is the organisation chosen.
      if (err instanceof UserFacingError && err.fieldErrors) refuse({ status: err.status, fieldErrors: { otherName: Object.values(err.fieldErrors).flat() } });
      throw err;
    }
  },
  {
    name: 'organisations.merge',
    input: (formData: FormData, id: string) =>
      formData.get('otherId')
        ? { otherId: formData.get('otherId'), keepVersion: formData.get('keepVersion') || undefined, id }
        : { otherName: formData.get('otherName') ?? '', keepVersion: formData.get('keepVersion') || undefined, id },
    notFoundMessage: NOT_FOUND,
    failureMessage: 'Something went wrong. Nothing was merged.',
    after: ({ keepId, mergeId }) => {
      revalidatePath('/organisations');
      revalidatePath('/people');
      redirect(`/organisations/${keepId}?merged=${mergeId}`);
    },
  },
);

/** "Not the same organisation" on two whose names look alike: they are offered for merging no more. */
export const notSameOrganisationAction = pairAction('organisations.not-same', 'One of them has since been merged or removed.', markOrganisationsNotDuplicate);

/** The undo of "Not the same organisation": the pair may be offered again. */
export const sameOrganisationAgainAction = pairAction('organisations.not-same-undo', 'That was already undone.', unmarkOrganisationsNotDuplicate);
