'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, refuse } from '@/lib/actions/form-action';
import { UserFacingError } from '@/lib/errors';
import { mergeOrganisations, organisationUpdateSchema, updateOrganisation, type OrganisationView } from '@/lib/organisations/queries';
import { findOrganisationByName } from '@/lib/organisations/find-or-create';

const NOT_FOUND = 'That organisation was not found.';

/** Renames or re-files an organisation; a stale version shows what changed and keeps the typed text. */
export const updateOrganisationAction = formAction(
  organisationUpdateSchema.and(z.object({ id: z.uuid() })),
  async ({ user, input: { id, ...input } }) => {
    await updateOrganisation(user.id, id, input);
    return id;
  },
  {
    name: 'organisations.update',
    input: (formData: FormData, id: string) => ({ ...Object.fromEntries(formData), id }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: (current: OrganisationView) =>
      `Someone changed this organisation meanwhile (it is now called "${current.name}"${current.sector ? `, in ${current.sector.name}` : ''}). Your text is kept: save again to use it.`,
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
  z.object({ id: z.uuid(), otherName: z.string().trim().min(1, 'Choose the organisation to merge into this one').max(200) }),
  async ({ user, input }) => {
    const otherId = await findOrganisationByName(user.id, input.otherName);
    if (!otherId) refuse({ fieldErrors: { otherName: ['You have no organisation with that name'] } });
    try {
      await mergeOrganisations(user.id, input.id, otherId);
    } catch (err) {
      // Whatever field lib names, on this form the only one is the organisation chosen.
      if (err instanceof UserFacingError && err.fieldErrors) refuse({ status: err.status, fieldErrors: { otherName: Object.values(err.fieldErrors).flat() } });
      throw err;
    }
    return input.id;
  },
  {
    name: 'organisations.merge',
    input: (formData: FormData, id: string) => ({ otherName: formData.get('otherName') ?? '', id }),
    notFoundMessage: NOT_FOUND,
    failureMessage: 'Something went wrong. Nothing was merged.',
    after: (keepId) => {
      revalidatePath('/organisations');
      revalidatePath('/people');
      redirect(`/organisations/${keepId}?merged=1`);
    },
  },
);
