'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms';
import type { EventJson } from '@/lib/events/queries';
import { LikelyDuplicatesError, type DuplicateCandidate } from '@/lib/events/resolve';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, deleteEvent, restoreEvent, updateEvent } from '@/lib/events/write';

export interface SaveEventResult {
  ok?: boolean;
  eventId?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Rows (by payload index) that look like people the user already knows. */
  duplicates?: Record<number, DuplicateCandidate[]>;
  /** Someone saved the event since this edit began: the event as it is now. */
  conflict?: EventJson;
}

const envelope = z.object({
  eventId: z.uuid().optional(),
  version: z.int().min(1).optional(),
  idempotencyKey: z.string().max(200),
  payload: z.unknown(),
});

/** Saves the capture form: a new event (idempotent per draft) or an edit (version-checked). */
export async function saveEventAction(request: unknown): Promise<SaveEventResult> {
  const user = await requireUser();
  const parsedEnvelope = envelope.safeParse(request);
  if (!parsedEnvelope.success) return { message: 'The form could not be read. Reload the page; your draft is kept.' };
  const { eventId, version, idempotencyKey, payload } = parsedEnvelope.data;
  const parsed = eventInputSchema.safeParse(payload);
  if (!parsed.success) {
    return { message: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
  }
  try {
    if (eventId) {
      if (!version) return { message: 'The form could not be read. Reload the page; your draft is kept.' };
      const saved = await updateEvent(user.id, eventId, version, parsed.data, { onDuplicate: 'ask' });
      revalidatePath('/events');
      return { ok: true, eventId: saved.id };
    }
    const { event } = await createEvent(user.id, parsed.data, { idempotencyKey, onDuplicate: 'ask' });
    revalidatePath('/events');
    return { ok: true, eventId: event.id };
  } catch (err) {
    if (err instanceof LikelyDuplicatesError) return { message: err.message, duplicates: err.candidates };
    if (err instanceof VersionConflictError) {
      // The event itself, or a follow-up or person's details the form changed, was saved elsewhere meanwhile.
      const message = err.fieldErrors
        ? 'Part of this event was changed on another device since you opened it. Nothing was saved; your text is below.'
        : 'This event was changed on another device since you opened it.';
      return { message, conflict: err.current as EventJson, fieldErrors: err.fieldErrors };
    }
    if (err instanceof NotFoundError) return { message: 'This event no longer exists. It may have been deleted.' };
    if (err instanceof UserFacingError && err.status === 422) {
      // The draft was saved once (its answer lost on the way back) and then changed.
      return { message: 'This draft was already saved once. Look for it under Events, or choose “Start over” to log it again.' };
    }
    if (err instanceof UserFacingError) return { message: err.message, fieldErrors: err.fieldErrors };
    console.error('saveEventAction', err);
    return { message: 'The event could not be saved just now. Nothing was half-saved; your draft is kept on this device.' };
  }
}

const idSchema = z.uuid();

/** Deletes an event (soft) and goes to the list, which offers Undo. */
export async function deleteEventAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = idSchema.safeParse(formData.get('eventId'));
  if (!id.success) redirect('/events');
  try {
    await deleteEvent(user.id, id.data);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  revalidatePath('/events');
  redirect(`/events?deleted=${id.data}`);
}

/** Undoes a delete within the undo window. */
export async function restoreEventAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = idSchema.safeParse(formData.get('eventId'));
  if (!id.success) redirect('/events');
  try {
    await restoreEvent(user.id, id.data);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    redirect('/events');
  }
  revalidatePath('/events');
  redirect(`/events/${id.data}`);
}
