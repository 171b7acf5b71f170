'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db/client';
import { requireUser } from '@/lib/dal';
import { likelyDuplicates, type DuplicateCandidate } from '@/lib/events/resolve';
import { UserFacingError, VersionConflictError } from '@/lib/errors';
import { errorState, fieldErrorsOf, type FormState, formValues } from '@/lib/forms';
import { fingerprint, idempotent } from '@/lib/idempotency';
import { MergeConflictError, mergePeople, MERGE_FIELDS } from '@/lib/people/merge';
import { createPerson, deletePerson, restorePerson, updatePerson, type PersonView } from '@/lib/people/queries';
import { createPersonSchema, updatePersonSchema } from '@/lib/people/validation';

/**
 * The form's state, plus the saved copy when someone else changed the person meanwhile, or the people already
 * known who look like the one being added.
 */
export type PersonFormState = FormState & { conflict?: PersonView; duplicates?: DuplicateCandidate[] };

const idSchema = z.uuid();

function personInput(formData: FormData) {
  const links = String(formData.get('links') ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    name: formData.get('name'),
    role: formData.get('role'),
    organisationName: formData.get('organisationName'),
    sectorId: formData.get('sectorId'),
    email: formData.get('email'),
    phone: formData.get('phone'),
    links,
    notes: formData.get('notes'),
    keepPrivate: formData.get('keepPrivate') === 'on',
  };
}

function unexpected(err: unknown, values: Record<string, string>): PersonFormState {
  if (err instanceof UserFacingError) return errorState(err, values);
  console.error('people action failed', err);
  return { message: 'Something went wrong. Nothing was saved.', values };
}

/** Adds a person; the form's idempotency key makes a double tap add one. */
export async function createPersonAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = createPersonSchema.safeParse(personInput(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values, message: 'Check the fields marked below.' };
  let id: string;
  try {
    // Someone with the same email, or the same name at the same organisation, is probably already here: ask
    // before making a second record (as the capture form does), unless the user has said this one is new.
    if (formData.get('createAnyway') !== '1') {
      const duplicates = await likelyDuplicates(db, user.id, {
        name: parsed.data.name,
        organisation: parsed.data.organisationName,
        email: parsed.data.email,
      });
      if (duplicates.length) return { duplicates, values, message: 'You may already have this person.' };
    }
    const key = values.idempotencyKey;
    if (key) {
      const result = await idempotent(user.id, key, 'people.create', fingerprint(parsed.data), async (tx) => {
        const person = await createPerson(user.id, parsed.data, tx);
        return { status: 201, body: { id: person.id }, resourceId: person.id };
      });
      id = result.body.id;
    } else {
      id = (await createPerson(user.id, parsed.data)).id;
    }
  } catch (err) {
    return unexpected(err, values);
  }
  revalidatePath('/people');
  redirect(`/people/${id}`);
}

/** Saves an edit; a stale version returns the saved copy so the form can show what changed. */
export async function updatePersonAction(id: string, _prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const personId = idSchema.safeParse(id);
  if (!personId.success) return { message: 'That person was not found.', values };
  const parsed = updatePersonSchema.safeParse({ ...personInput(formData), version: formData.get('version') });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values, message: 'Check the fields marked below.' };
  try {
    await updatePerson(user.id, personId.data, parsed.data);
  } catch (err) {
    if (err instanceof VersionConflictError) {
      const current = err.current as PersonView;
      return {
        message: 'Someone changed this person since you opened the form. Your text is kept below; compare, then save again to keep yours.',
        values: { ...values, version: String(current.version) },
        conflict: current,
      };
    }
    return unexpected(err, values);
  }
  revalidatePath('/people');
  revalidatePath(`/people/${personId.data}`);
  redirect(`/people/${personId.data}?saved=1`);
}

/** Deletes (softly) and goes back to the list, which offers an undo. */
export async function deletePersonAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = idSchema.safeParse(formData.get('id'));
  if (!id.success) redirect('/people');
  try {
    await deletePerson(user.id, id.data);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
  }
  revalidatePath('/people');
  redirect(`/people?deleted=${id.data}`);
}

/** Undoes a delete. */
export async function restorePersonAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = idSchema.safeParse(formData.get('id'));
  if (!id.success) redirect('/people');
  try {
    await restorePerson(user.id, id.data);
  } catch (err) {
    if (!(err instanceof UserFacingError)) throw err;
    redirect('/people');
  }
  revalidatePath('/people');
  redirect(`/people/${id.data}`);
}

/** Merges the second person into the first with the field choices made on the compare page. */
export async function mergePeopleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const choices = Object.fromEntries(MERGE_FIELDS.map((f) => [f, values[`choice.${f}`] === 'other' ? 'other' : 'keep']));
  let keepId: string;
  let mergeId: string;
  try {
    const merged = await mergePeople(user.id, {
      keepId: values.keepId ?? '',
      otherId: values.otherId ?? '',
      keepVersion: Number(values.keepVersion),
      otherVersion: Number(values.otherVersion),
      choices,
    });
    keepId = merged.id;
    mergeId = merged.mergeId;
  } catch (err) {
    if (err instanceof MergeConflictError) {
      // Both as they are now; the choices made stay, and merging again uses these versions.
      const { keep, other } = err.current;
      const describe = (p: PersonView) => [p.displayName, p.role, p.organisation?.name, p.email, p.phone].filter(Boolean).join(' · ');
      return {
        message: `Changed since you opened this page. Now: “${describe(keep)}” and “${describe(other)}”. Your choices are kept: merge again to use the latest, or reload to compare them afresh.`,
        values: { ...values, keepVersion: String(keep.version), otherVersion: String(other.version) },
      };
    }
    if (err instanceof VersionConflictError) {
      return { message: 'One of them was changed since you opened this page. Reload to see the latest, then merge.', values };
    }
    if (err instanceof z.ZodError) return { message: 'Those people could not be found.', values };
    if (err instanceof UserFacingError) return { message: err.message, values };
    console.error('merge failed', err);
    return { message: 'Something went wrong. Nothing was merged.', values };
  }
  revalidatePath('/people');
  redirect(`/people/${keepId}?merged=${mergeId}`);
}
