'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { dataAction, formAction, type ActionResult } from '@/lib/actions/form-action';
import {
  completeFollowUp,
  createFollowUp,
  deleteFollowUp,
  reopenFollowUp,
  restoreFollowUp,
  snoozeFollowUp,
  unsnoozeFollowUp,
  updateFollowUp,
} from '@/lib/follow-ups/mutations';
import type { FollowUpItem } from '@/lib/follow-ups/queries';
import { createFollowUpSchema, dueDay, snoozeSchema, updateFollowUpSchema } from '@/lib/follow-ups/validation';
import { todayIn } from '@/lib/dates';

/** What a one-tap action answers: the one ActionResult, with what undoes a snooze. */
export type TapResult = ActionResult<{
  due?: string | null;
  undo?: { kind: 'due'; due: string | null; snoozes: number; firstDue: string | null; version: number };
} | void>;

const NOT_FOUND = 'Follow-up not found';

function refresh() {
  // The layout's navigation badge counts due follow-ups, so everything under the app shell is refreshed.
  revalidatePath('/', 'layout');
}

/** A one-tap change of one follow-up, by id. */
function tap(name: string, work: (userId: string, id: string) => Promise<unknown>) {
  return dataAction(
    z.object({ id: z.uuid() }),
    async ({ user, input }) => {
      await work(user.id, input.id);
    },
    { name, input: (id: string) => ({ id }), notFoundMessage: NOT_FOUND, after: refresh },
  );
}

/** Adds a follow-up from the compact form; a retried submit with the same key adds it once. */
export const createFollowUpAction = formAction(
  createFollowUpSchema,
  async ({ user, input, tx }) => {
    const item = await createFollowUp(user.id, input, tx);
    // `id` names what was made, so a retried submit (same key) answers with it.
    return { id: item.id, added: item.id, action: item.action };
  },
  {
    name: 'follow-ups.create',
    // Only the follow-up's own fields reach the (strict) schema; the idempotency key is the wrapper's.
    input: (formData) => ({
      action: formData.get('action') ?? undefined,
      due: formData.get('due') ?? undefined,
      personId: formData.get('personId') ?? undefined,
      eventId: formData.get('eventId') ?? undefined,
    }),
    idempotency: { scope: 'follow-ups.create' },
    after: (data) => {
      refresh();
      // A replayed submit knows only the id of what the first one added.
      const added = { id: data.id, added: data.added ?? data.id, action: data.action ?? '' };
      return { ok: true, message: added.action ? `Added “${added.action}”` : 'Added', data: added };
    },
  },
);

/** The add form's state; `data.added` (the new follow-up's id) lets the form start afresh after each add. */
export type AddFollowUpState = ActionResult<{ id: string; added: string; action: string }>;

/** Edits action and due date; a stale version answers with the current copy so the form can show it. */
export const updateFollowUpAction = formAction(
  updateFollowUpSchema.and(z.object({ id: z.uuid() })),
  async ({ user, input: { id, ...input } }) => {
    await updateFollowUp(user.id, id, { ...input, due: input.due ?? null });
  },
  {
    name: 'follow-ups.update',
    input: (formData: FormData, id: string) => {
      const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      return {
        action: values.action ?? '',
        due: values.due ?? '',
        // The form always sends the field; empty means "with no one".
        personId: 'personId' in values ? values.personId || null : undefined,
        version: values.version,
        id,
      };
    },
    notFoundMessage: NOT_FOUND,
    conflictMessage: (_current: FollowUpItem) => 'This was changed elsewhere since you opened it.',
    after: () => {
      refresh();
      return { ok: true, message: 'Saved' };
    },
  },
);

/** Marks done in one tap. */
export const completeFollowUpAction = tap('follow-ups.complete', completeFollowUp);

/** Reopens (also the undo of complete). */
export const reopenFollowUpAction = tap('follow-ups.reopen', reopenFollowUp);

/** Soft-deletes. */
export const deleteFollowUpAction = tap('follow-ups.delete', deleteFollowUp);

/** Undoes a delete. */
export const restoreFollowUpAction = tap('follow-ups.restore', restoreFollowUp);

/** Snoozes to tomorrow, next week or a chosen day; answers the previous due date so it can be undone. */
export const snoozeFollowUpAction = dataAction(
  z.object({ id: z.uuid(), target: snoozeSchema }),
  async ({ user, input }) => {
    const { before, after } = await snoozeFollowUp(user.id, input.id, input.target, todayIn(user.timeZone));
    // The snooze's own version goes with the undo: a change made since is not undone unseen.
    return { due: after.due, undo: { kind: 'due' as const, due: before.due, snoozes: before.snoozes, firstDue: before.firstDue, version: after.version } };
  },
  { name: 'follow-ups.snooze', input: (id: string, target: string) => ({ id, target }), notFoundMessage: NOT_FOUND, after: refresh },
);

/** Puts a due date back (the undo of snooze), and with it the snooze count and first due day as they were. */
export const setDueAction = dataAction(
  z.object({
    id: z.uuid(),
    due: dueDay.nullable(),
    snoozes: z.number().int().min(0).max(100_000).optional(),
    firstDue: dueDay.nullable().optional(),
    version: z.number().int().min(1).optional(),
  }),
  async ({ user, input }) => {
    if (input.snoozes === undefined) await updateFollowUp(user.id, input.id, { due: input.due });
    else await unsnoozeFollowUp(user.id, input.id, { due: input.due, snoozes: input.snoozes, firstDue: input.firstDue ?? null }, input.version);
  },
  {
    name: 'follow-ups.set-due',
    input: (id: string, due: string | null, before?: { snoozes: number; firstDue: string | null; version?: number }) => ({ id, due, ...before }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: () => 'Not undone: it was changed since, on another device or here. Nothing was put back.',
    after: refresh,
  },
);
