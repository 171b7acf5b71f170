'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { dataAction, formSubmit, refuse, type ActionResult } from '@/lib/actions/form-action';
import { UserFacingError, VersionConflictError } from '@/lib/errors';
import type { EventJson } from '@/lib/events/queries';
import { LikelyDuplicatesError, type DuplicateCandidate } from '@/lib/events/resolve';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, deleteEvent, restoreEvent, updateEvent } from '@/lib/events/write';

/** What the capture form gets back: the saved event's id, or why not (a likely duplicate, a conflict). */
export type SaveEventData = { eventId?: string; duplicates?: Record<number, DuplicateCandidate[]> };
export type SaveEventResult = ActionResult<SaveEventData, EventJson>;

const READ_FAILURE = 'The form could not be read. Reload the page; your draft is kept.';

const envelope = z.object({
  eventId: z.uuid().optional(),
  version: z.int().min(1).optional(),
  idempotencyKey: z.string().max(200),
  payload: z.unknown(),
});

/**
 * Saves the capture form: a new event (idempotent per draft) or an edit (version-checked, and changing only what
 * the form changed). Field errors name paths in the payload (`people.0.name`), as the form's rows are keyed.
 */
export const saveEventAction = dataAction<typeof envelope, SaveEventData, EventJson, [unknown]>(
  envelope,
  async ({ user, input: { eventId, version, idempotencyKey, payload } }): Promise<SaveEventData> => {
    const input = eventInputSchema.parse(payload);
    try {
      if (eventId) {
        if (!version) refuse({ status: 400, message: READ_FAILURE });
        return { eventId: (await updateEvent(user.id, eventId, version, input, { onDuplicate: 'ask' })).id };
      }
      const { event } = await createEvent(user.id, input, { idempotencyKey, onDuplicate: 'ask' });
      return { eventId: event.id };
    } catch (err) {
      if (err instanceof LikelyDuplicatesError) refuse({ status: 409, message: err.message, data: { duplicates: err.candidates } });
      if (err instanceof UserFacingError && !(err instanceof VersionConflictError) && err.status === 422) {
        // The draft was saved once (its answer lost on the way back) and then changed.
        refuse({ status: 422, message: 'This draft was already saved once. Look for it under Events, or choose “Start over” to log it again.' });
      }
      throw err;
    }
  },
  {
    name: 'events.save',
    ids: ['eventId'],
    notFoundMessage: 'This event no longer exists. It may have been deleted.',
    failureMessage: 'The event could not be saved just now. Nothing was half-saved; your draft is kept on this device.',
    // The event itself, or a follow-up or person's details the form changed, was saved elsewhere meanwhile.
    conflictMessage: () => 'This event was changed on another device since you opened it. Nothing was saved; your text is below.',
    onRefusal: (refusal) => (refusal.status === 400 && !refusal.fieldErrors && !refusal.message ? { ...refusal, message: READ_FAILURE } : undefined),
    after: (data) => {
      revalidatePath('/events');
      return { ok: true, data };
    },
  },
);

const eventIdSchema = z.object({ eventId: z.uuid() });

/** Deletes an event (soft) and goes to the list, which offers Undo; a missing one just goes to the list. */
export const deleteEventAction = formSubmit(eventIdSchema, async ({ user, input }) => deleteEvent(user.id, input.eventId), {
  name: 'events.delete',
  ids: ['eventId'],
  after: (_, { input }) => {
    revalidatePath('/events');
    redirect(`/events?deleted=${input.eventId}`);
  },
  onRefusal: () => redirect('/events'),
});

/** Undoes a delete within the undo window; past it (or someone else's id) back to the list. */
export const restoreEventAction = formSubmit(eventIdSchema, async ({ user, input }) => restoreEvent(user.id, input.eventId), {
  name: 'events.restore',
  ids: ['eventId'],
  after: (_, { input }) => {
    revalidatePath('/events');
    redirect(`/events/${input.eventId}`);
  },
  onRefusal: () => redirect('/events'),
});
