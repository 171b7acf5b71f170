/**
 * An event waiting in the outbox, opened in the capture form to edit. The form keeps its draft on the device (the
 * "new" draft, in localStorage) under the event's idempotency key, which is how the outbox and the form know each
 * other: while the form holds it, the event stays in the outbox, held back from sending (OutboxItem.editing), until
 * the edited version is saved over it under the same key, or the user lets it go as it was.
 */
import { newDraftOnDevice } from '@/lib/events/device-draft';
import { draftKey, draftToPayload, type EventDraft } from '@/lib/events/draft';
import type { OutboxItem } from './outbox';

/** The new-event form's draft on this device, as it keeps it (browser only). */
export function formDraft(userId: string): EventDraft | null {
  try {
    const d = JSON.parse(localStorage.getItem(draftKey(userId, 'new')) ?? 'null') as EventDraft | null;
    return d && typeof d.key === 'string' && Array.isArray(d.people) ? d : null;
  } catch {
    return null;
  }
}

/** Puts a draft in the new-event form, as if the user had left it there (it opens with it, restored). */
export function putFormDraft(userId: string, draft: EventDraft): void {
  localStorage.setItem(draftKey(userId, 'new'), JSON.stringify({ ...draft, savedAt: Date.now() }));
}

export function dropFormDraft(userId: string): void {
  try {
    localStorage.removeItem(draftKey(userId, 'new'));
  } catch {
    /* storage unavailable: nothing kept to drop */
  }
}

/** Whether two drafts of an event would send the same thing (what the form only rearranged does not count). */
export function sameEvent(a: EventDraft, b: EventDraft): boolean {
  return JSON.stringify(draftToPayload(a)) === JSON.stringify(draftToPayload(b));
}

/** Whether the form holds this waiting event with changes that sending it as it was would drop. */
export function changedInForm(item: Pick<OutboxItem, 'key' | 'draft'>, form: EventDraft | null): boolean {
  return form?.key === item.key && !sameEvent(form, item.draft);
}

export type OpenPlan =
  /** The form already holds this event (opened before, maybe changed since): it opens with that. */
  | { go: 'resume' }
  /** The form holds nothing: the event is put in it. */
  | { go: 'load' }
  /** The form holds another evening, which must not be overwritten; `title` names it when it is a waiting one. */
  | { go: 'blocked'; title?: string };

/**
 * What "Open and edit" (or "Continue editing") does, given the form's draft on this device, whether anything is
 * typed in it, and the events waiting.
 */
export function planOpen(key: string, form: EventDraft | null, formHasContent: boolean, waiting: Pick<OutboxItem, 'key' | 'title'>[]): OpenPlan {
  if (form?.key === key) return { go: 'resume' };
  const other = form ? waiting.find((i) => i.key === form.key) : undefined;
  if (other) return { go: 'blocked', title: other.title };
  return formHasContent ? { go: 'blocked' } : { go: 'load' };
}

/** The plan for this device as it is now (browser only). */
export function planOpenHere(userId: string, key: string, waiting: Pick<OutboxItem, 'key' | 'title'>[]): OpenPlan {
  return planOpen(key, formDraft(userId), newDraftOnDevice(userId) !== null, waiting);
}
