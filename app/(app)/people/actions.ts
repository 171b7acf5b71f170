'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, formSubmit, pairAction, refuse, type ActionResult } from '@/lib/actions/form-action';
import { likelyDuplicates, type DuplicateCandidate } from '@/lib/events/resolve';
import { NotFoundError, UserFacingError } from '@/lib/errors';
import { fromParam, mergePeople, mergeSchema, MERGE_FIELDS, type MergeConflictError } from '@/lib/people/merge';
import { addDetailsToPerson, createPerson, deletePerson, restorePerson, updatePerson, type PersonView } from '@/lib/people/queries';
import { createPersonSchema, updatePersonSchema } from '@/lib/people/validation';
import { markNotDuplicate, unmarkNotDuplicate } from '@/lib/people/not-duplicates';

/**
 * The person form's result: the new person's id, or the people already known who look like the one being added
 * (`data.duplicates`), or the saved copy when someone else changed the person meanwhile (`conflict`).
 */
export type PersonFormState = ActionResult<{ id?: string; duplicates?: DuplicateCandidate[]; added?: boolean }, PersonView>;

const NOT_FOUND = 'That person was not found.';

function personInput(formData: FormData) {
  const links = String(formData.get('links') ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  // A field the form does not carry is left as it is; one sent empty clears the stored value.
  const text = (key: string) => formData.get(key) ?? undefined;
  return {
    name: text('name'),
    role: text('role'),
    organisationName: text('organisationName'),
    sectorId: formData.get('sectorId'),
    email: text('email'),
    phone: text('phone'),
    links,
    notes: text('notes'),
    topics: String(formData.get('topics') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    keepPrivate: formData.get('keepPrivate') === 'on',
  };
}

/**
 * Adds a person; the form's idempotency key makes a double tap add one. Answered "Add these details to …" when asked
 * about a likely duplicate (`addTo`), it adds what was typed to that person instead (addDetailsToPerson).
 */
export const createPersonAction = formAction(
  createPersonSchema,
  async ({ user, input, tx, values }): Promise<{ id: string; duplicates?: DuplicateCandidate[]; added?: boolean }> => {
    if (values?.addTo) {
      if (!z.uuid().safeParse(values.addTo).success) throw new NotFoundError();
      return { id: (await addDetailsToPerson(tx, user.id, values.addTo, input)).id, added: true };
    }
    // Someone with the same email, the same name at the same organisation, or (no name given) the same role there, is
    // probably already here: ask before making a second record (as the capture form does), unless the user has
    // said this one is new.
    if (values?.createAnyway !== '1') {
      const duplicates = await likelyDuplicates(tx, user.id, { name: input.name, role: input.role, organisation: input.organisationName, email: input.email });
      if (duplicates.length) refuse({ status: 409, message: 'You may already have this person.', data: { duplicates } });
    }
    return { id: (await createPerson(user.id, input, tx)).id };
  },
  {
    name: 'people.create',
    input: (formData) => personInput(formData),
    idempotency: { scope: 'people.create' },
    notFoundMessage: 'That person is no longer in your address book. Save this one as new instead?',
    after: ({ id, added }) => {
      revalidatePath('/people');
      if (added) revalidatePath(`/people/${id}`);
      redirect(added ? `/people/${id}?added=1` : `/people/${id}`);
    },
  },
);

/** Saves an edit; a stale version returns the saved copy so the form can show what changed. */
export const updatePersonAction = formAction(
  updatePersonSchema.and(z.object({ id: z.uuid() })),
  async ({ user, input: { id, ...input } }) => {
    await updatePerson(user.id, id, input);
    return { id };
  },
  {
    name: 'people.update',
    input: (formData: FormData, id: string) => ({ ...personInput(formData), version: formData.get('version'), id }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: (_current: PersonView) =>
      'Someone changed this person since you opened the form. What you changed is kept below, and the rest now shows their copy; compare, then save again.',
    after: ({ id }) => {
      revalidatePath('/people');
      revalidatePath(`/people/${id}`);
      redirect(`/people/${id}?saved=1`);
    },
  },
);

/** Deletes (softly) and goes back to the list, which offers an undo. */
export const deletePersonAction = formSubmit(
  z.object({ id: z.uuid() }),
  async ({ user, input: { id } }) => {
    try {
      await deletePerson(user.id, id);
    } catch (err) {
      // Already deleted (a second tap): the list still offers the undo.
      if (!(err instanceof UserFacingError)) throw err;
    }
    return id;
  },
  {
    name: 'people.delete',
    after: (id) => {
      revalidatePath('/people');
      redirect(`/people?deleted=${id}`);
    },
    onRefusal: () => redirect('/people'),
  },
);

/** Undoes a delete. */
export const restorePersonAction = formSubmit(
  z.object({ id: z.uuid() }),
  async ({ user, input: { id } }) => {
    await restorePerson(user.id, id);
    return id;
  },
  {
    name: 'people.restore',
    after: (id) => {
      revalidatePath('/people');
      redirect(`/people/${id}`);
    },
    onRefusal: () => redirect('/people'),
  },
);

/** Merges the second person into the first with the field choices made on the compare page. */
export const mergePeopleAction = formAction(
  mergeSchema,
  async ({ user, input, values }) => {
    const merged = await mergePeople(user.id, input);
    return { keepId: merged.id, mergeId: merged.mergeId, from: fromParam(values?.from) };
  },
  {
    name: 'people.merge',
    input: (formData) => ({
      keepId: formData.get('keepId'),
      otherId: formData.get('otherId'),
      keepVersion: formData.get('keepVersion'),
      otherVersion: formData.get('otherVersion'),
      choices: Object.fromEntries(MERGE_FIELDS.map((f) => [f, formData.get(`choice.${f}`) === 'other' ? 'other' : 'keep'])),
    }),
    ids: ['keepId', 'otherId'],
    notFoundMessage: 'Those people could not be found.',
    conflictMessage: (current: MergeConflictError['current']) => {
      if (!current?.keep) return 'One of them was changed since you opened this page. Reload to see the latest, then merge.';
      const describe = (p: PersonView) => [p.displayName, p.role, p.organisation?.name, p.email, p.phone].filter(Boolean).join(' · ');
      return `Changed since you opened this page. Now: “${describe(current.keep)}” and “${describe(current.other)}”. Your choices are kept: merge again to use the latest, or reload to compare them afresh.`;
    },
    // Both as they are now; the choices made stay, and merging again uses these versions.
    onRefusal: (refusal) =>
      refusal.conflict?.keep
        ? {
            ...refusal,
            values: { ...refusal.values, keepVersion: String(refusal.conflict.keep.version), otherVersion: String(refusal.conflict.other.version) },
          }
        : undefined,
    failureMessage: 'Something went wrong. Nothing was merged.',
    after: ({ keepId, mergeId, from }) => {
      revalidatePath('/people');
      // Begun on an event's page, the merged person's page leads back there.
      redirect(`/people/${keepId}?merged=${mergeId}${from}`);
    },
  },
);

/**
 * "Not the same person" on a possible duplicate: the pair is offered no more (undo: sameAgainAction). The page is not
 * refreshed: its list hides the row itself (PairGroup), and any page that lists pairs reads them afresh when opened.
 */
export const notSamePersonAction = pairAction('people.not-same', 'One of them is no longer in your address book.', markNotDuplicate);

/** The undo of "Not the same person": the pair may be offered again. */
export const sameAgainAction = pairAction('people.not-same-undo', 'That was already undone.', unmarkNotDuplicate);
