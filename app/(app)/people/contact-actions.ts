'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { dataAction, formAction, type ActionResult } from '@/lib/actions/form-action';
import { UserFacingError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { createInteraction, deleteInteraction, restoreInteraction } from '@/lib/interactions/queries';
import { createInteractionSchema } from '@/lib/interactions/validation';
import { cadenceFormSchema } from '@/lib/people/cadence-schema';
import { cadenceLabel, contactSnoozeDay, SNOOZE_TARGETS } from '@/lib/people/cadence';
import { markInTouch, snoozeContact, unmarkInTouch } from '@/lib/keep-in-touch/queries';
import { updatePerson, type PersonView } from '@/lib/people/queries';
import { dayInput } from '@/lib/validation/dates';

const NOT_FOUND = 'That person was not found.';

function refresh() {
  // The dashboard, /follow-ups and the person page all show who is due.
  revalidatePath('/', 'layout');
}

/** "Log a contact" on the person page; a retried submit with the same key logs it once. */
export const logContactAction = formAction(
  createInteractionSchema,
  async ({ user, input, tx }) => {
    const item = await createInteraction(user.id, input, tx);
    return { id: item.id };
  },
  {
    name: 'interactions.create',
    input: (formData: FormData, personId: string) => ({
      personId,
      kind: formData.get('kind') ?? undefined,
      occurredOn: formData.get('occurredOn') ?? undefined,
      note: formData.get('note') ?? undefined,
    }),
    ids: ['personId'],
    idempotency: { scope: 'interactions.create' },
    notFoundMessage: NOT_FOUND,
    after: (data) => {
      refresh();
      return { ok: true, message: 'Contact logged', data };
    },
  },
);
export type LogContactState = ActionResult<{ id: string }>;

/** Deletes a logged contact (undo: restoreInteractionAction). */
export const deleteInteractionAction = dataAction(
  z.object({ id: z.uuid() }),
  async ({ user, input }) => {
    await deleteInteraction(user.id, input.id);
  },
  { name: 'interactions.delete', input: (id: string) => ({ id }), notFoundMessage: 'That contact was not found.', after: refresh },
);

/** Brings back a logged contact just deleted. */
export const restoreInteractionAction = dataAction(
  z.object({ id: z.uuid() }),
  async ({ user, input }) => {
    await restoreInteraction(user.id, input.id);
  },
  { name: 'interactions.restore', input: (id: string) => ({ id }), notFoundMessage: 'That contact was not found.', after: refresh },
);

/** "Done" on a due contact: logs "Marked in touch" today; answers the interaction's id, so undo deletes it. */
export const markInTouchAction = dataAction(
  z.object({ personId: z.uuid() }),
  async ({ user, input }) => ({ interactionId: (await markInTouch(user.id, input.personId)).id }),
  { name: 'keep-in-touch.done', input: (personId: string) => ({ personId }), ids: ['personId'], notFoundMessage: NOT_FOUND, after: refresh },
);

/** Undo of "Done": the "Marked in touch" it logged goes for good, and the person is due again. */
export const unmarkInTouchAction = dataAction(
  z.object({ interactionId: z.uuid() }),
  async ({ user, input }) => {
    await unmarkInTouch(user.id, input.interactionId);
  },
  { name: 'keep-in-touch.undo-done', input: (interactionId: string) => ({ interactionId }), notFoundMessage: 'That contact was not found.', after: refresh },
);

/** Snoozes a due contact for a week or a month; answers the previous snooze, for undo. */
export const snoozeContactAction = dataAction(
  z.object({ personId: z.uuid(), target: z.enum(SNOOZE_TARGETS) }),
  async ({ user, input }) => {
    const until = contactSnoozeDay(input.target, todayIn(user.timeZone));
    return { ...(await snoozeContact(user.id, input.personId, until)), until };
  },
  {
    name: 'keep-in-touch.snooze',
    input: (personId: string, target: string) => ({ personId, target }),
    ids: ['personId'],
    notFoundMessage: NOT_FOUND,
    after: refresh,
  },
);

/** Puts a snooze back as it was (the undo of a snooze). */
export const setContactSnoozeAction = dataAction(
  z.object({ personId: z.uuid(), until: dayInput().nullable() }),
  async ({ user, input }) => {
    await snoozeContact(user.id, input.personId, input.until);
  },
  {
    name: 'keep-in-touch.set-snooze',
    input: (personId: string, until: string | null) => ({ personId, until }),
    ids: ['personId'],
    notFoundMessage: NOT_FOUND,
    after: refresh,
  },
);

/** The person page's "Keep in touch" form: the cadence only, from the version read. */
export const setCadenceAction = formAction(
  z.object({
    id: z.uuid(),
    version: z.coerce.number().int().min(1),
    keepInTouch: z.string().max(20),
    keepInTouchDays: z.string().max(10),
    // The cadence the form read (cadenceKey): only it must be unchanged since (see updatePerson).
    was: z.string().max(30).optional(),
  }),
  async ({ user, input }) => {
    const cadence = cadenceFormSchema.safeParse(input);
    if (!cadence.success) {
      const days = cadence.error.issues.find((i) => i.path[0] === 'keepInTouchDays');
      throw new UserFacingError('Check how often.', 400, days ? { keepInTouchDays: [days.message] } : { keepInTouch: ['Choose how often'] });
    }
    await updatePerson(user.id, input.id, { version: input.version, keepInTouch: cadence.data, keepInTouchWas: input.was });
  },
  {
    name: 'people.keep-in-touch',
    input: (formData: FormData, id: string) => ({
      id,
      version: formData.get('version'),
      keepInTouch: formData.get('keepInTouch') ?? '',
      keepInTouchDays: formData.get('keepInTouchDays') ?? '',
      was: formData.get('was') ?? undefined,
    }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: (current: PersonView) =>
      `How often to keep in touch was changed elsewhere since you opened the page, to “${current.keepInTouch ? cadenceLabel(current.keepInTouch) : 'Sector default'}”. Reload to see it.`,
    after: () => {
      refresh();
      return { ok: true, message: 'Saved' };
    },
  },
);
export type SetCadenceState = ActionResult<void, PersonView>;
