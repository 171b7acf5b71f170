'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { UserFacingError, VersionConflictError } from '@/lib/errors';
import { errorState, fieldErrorsOf, type FormState, formValues } from '@/lib/forms';
import { fingerprint, idempotent } from '@/lib/idempotency';
import { todayIn } from '@/lib/follow-ups/counts';
import {
  completeFollowUp,
  createFollowUp,
  deleteFollowUp,
  reopenFollowUp,
  restoreFollowUp,
  snoozeFollowUp,
  updateFollowUp,
} from '@/lib/follow-ups/mutations';
import type { FollowUpItem } from '@/lib/follow-ups/queries';
import { createFollowUpSchema, dueDay, snoozeSchema, updateFollowUpSchema } from '@/lib/follow-ups/validation';

/** What a one-tap action answers: fine, or a message to show. */
export type TapResult = { ok: true; undo?: { kind: 'due'; due: string | null } } | { ok: false; message: string };

const idSchema = z.uuid();

function refresh() {
  // The layout's navigation badge counts due follow-ups, so everything under the app shell is refreshed.
  revalidatePath('/', 'layout');
}

function failure(err: unknown): { ok: false; message: string } {
  if (err instanceof UserFacingError) return { ok: false, message: err.message };
  console.error('follow-up action failed', err);
  return { ok: false, message: 'Something went wrong. Nothing was changed.' };
}

async function tap(id: unknown, work: (userId: string, id: string) => Promise<unknown>): Promise<TapResult> {
  const user = await requireUser();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return { ok: false, message: 'Follow-up not found' };
  try {
    await work(user.id, parsed.data);
  } catch (err) {
    return failure(err);
  }
  refresh();
  return { ok: true };
}

/** Adds a follow-up from the compact form; a retried submit with the same key adds it once. */
export async function createFollowUpAction(_prev: AddFollowUpState, formData: FormData): Promise<AddFollowUpState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = createFollowUpSchema.safeParse({ action: values.action, due: values.due, personId: values.personId, eventId: values.eventId });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const key = values.idempotencyKey;
  let added: string;
  try {
    if (key) {
      const result = await idempotent(user.id, key, 'follow-ups:create', fingerprint(parsed.data), async (tx) => {
        const item = await createFollowUp(user.id, parsed.data, tx);
        return { status: 201, body: item, resourceId: item.id };
      });
      added = result.body.id;
    } else {
      added = (await createFollowUp(user.id, parsed.data)).id;
    }
  } catch (err) {
    if (err instanceof UserFacingError) return errorState(err, values);
    console.error('create follow-up failed', err);
    return { message: 'Something went wrong. Nothing was saved.', values };
  }
  refresh();
  return { ok: true, message: `Added “${parsed.data.action}”`, added };
}

/** The add form's state; `added` (the new follow-up's id) lets the form start afresh after each add. */
export type AddFollowUpState = FormState & { added?: string };

/** Edits action and due date; a stale version answers with the current copy so the form can show it. */
export async function updateFollowUpAction(
  id: string,
  _prev: FormState & { current?: FollowUpItem },
  formData: FormData,
): Promise<FormState & { current?: FollowUpItem }> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsedId = idSchema.safeParse(id);
  if (!parsedId.success) return { message: 'Follow-up not found', values };
  const parsed = updateFollowUpSchema.safeParse({
    action: values.action ?? '',
    due: values.due ?? '',
    // The form always sends the field; empty means "with no one".
    personId: 'personId' in values ? values.personId || null : undefined,
    version: values.version,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await updateFollowUp(user.id, parsedId.data, { ...parsed.data, due: parsed.data.due ?? null });
  } catch (err) {
    if (err instanceof VersionConflictError) {
      return { message: err.message, values, current: err.current as FollowUpItem };
    }
    if (err instanceof UserFacingError) return errorState(err, values);
    console.error('update follow-up failed', err);
    return { message: 'Something went wrong. Nothing was saved.', values };
  }
  refresh();
  return { ok: true, message: 'Saved' };
}

/** Marks done in one tap. */
export async function completeFollowUpAction(id: string): Promise<TapResult> {
  return tap(id, completeFollowUp);
}

/** Reopens (also the undo of complete). */
export async function reopenFollowUpAction(id: string): Promise<TapResult> {
  return tap(id, reopenFollowUp);
}

/** Soft-deletes. */
export async function deleteFollowUpAction(id: string): Promise<TapResult> {
  return tap(id, deleteFollowUp);
}

/** Undoes a delete. */
export async function restoreFollowUpAction(id: string): Promise<TapResult> {
  return tap(id, restoreFollowUp);
}

/** Snoozes to tomorrow, next week or a chosen day; answers the previous due date so it can be undone. */
export async function snoozeFollowUpAction(id: string, target: string): Promise<TapResult> {
  const user = await requireUser();
  const parsedId = idSchema.safeParse(id);
  if (!parsedId.success) return { ok: false, message: 'Follow-up not found' };
  const parsedTarget = snoozeSchema.safeParse(target);
  if (!parsedTarget.success) return { ok: false, message: 'Choose a valid date' };
  try {
    const { before } = await snoozeFollowUp(user.id, parsedId.data, parsedTarget.data, todayIn(user.timeZone));
    refresh();
    return { ok: true, undo: { kind: 'due', due: before.due } };
  } catch (err) {
    return failure(err);
  }
}

/** Puts a due date back (the undo of snooze). */
export async function setDueAction(id: string, due: string | null): Promise<TapResult> {
  const parsedDue = dueDay.nullable().safeParse(due);
  if (!parsedDue.success) return { ok: false, message: 'Choose a valid date' };
  return tap(id, (userId, fid) => updateFollowUp(userId, fid, { due: parsedDue.data }));
}
