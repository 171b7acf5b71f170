/**
 * The outbox: events saved on this device while there was no connection, each under the idempotency key of its
 * draft, waiting to be sent. Browser-only (IndexedDB through idb-keyval). Entries carry the user's id: another
 * user signing in on this device neither sees nor sends them, and the owner's wait for them through a sign-out,
 * since an expired session must never cost an evening's notes.
 *
 * Sending goes through the JSON API with the key as `Idempotency-Key`, so a send that is retried, duplicated by a
 * second tab, or whose answer was lost on the way back creates one event; people picked by name are matched the
 * way the API matches them (an unknown name is linked to the one person of that name rather than duplicated).
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { EventDraft } from '@/lib/events/draft';
import { announce, wakeWhenOnline } from './changes';
import { sendTaps } from './taps';

export { onOutboxChange } from './changes';

export type OutboxItem = {
  /** The draft's idempotency key, which is also the entry's key. */
  key: string;
  userId: string;
  /** What the form would have sent (eventInputSchema's shape). */
  payload: unknown;
  /** The form as the user left it, to open and edit before it is sent. */
  draft: EventDraft;
  title: string;
  savedAt: number;
  /** Why the last send was refused, beside the entry; absent while it simply waits for a connection. */
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The server needs a fresh sign-in before this can go (it is tried again after one). */
  needsSignIn?: boolean;
  /** The server refused this as it is: it waits for the user to open and fix it, and is not sent again before. */
  refused?: boolean;
  /**
   * When it was opened in the capture form on this device. It stays here, listed and counted, but is held back from
   * sending (a half-made edit must not go) until the edited version is saved over it under the same key, or the
   * user lets it go as it was (holdForEditing with `hold` false).
   */
  editing?: number;
};

let store: UseStore | undefined;
const outbox = () => (store ??= createStore('rapport-outbox', 'events'));

export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const all = (await entries<string, OutboxItem>(outbox())).map(([, item]) => item);
  return all.filter((item) => item.userId === userId).sort((a, b) => a.savedAt - b.savedAt);
}

export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await set(item.key, item, outbox());
  announce();
  await wakeWhenOnline();
}

export async function removeOutboxItem(userId: string, key: string): Promise<void> {
  const item = await get<OutboxItem>(key, outbox());
  if (item?.userId !== userId) return;
  await del(key, outbox());
  announce();
}

/**
 * The capture form holds this draft (its key): when it is an event waiting here, it is held back from sending while
 * it is being edited. False when nothing waits under the key (never queued, sent, or discarded). With `hold` false,
 * lets it go again as it was kept (the form's copy, if any, is the caller's to drop), and sends it if it can.
 */
export async function holdForEditing(userId: string, key: string, hold = true): Promise<boolean> {
  const item = await get<OutboxItem>(key, outbox());
  if (item?.userId !== userId) return false;
  if (!item.editing === hold) {
    await set(key, { ...item, editing: hold ? Date.now() : undefined }, outbox());
    announce();
    // Let go: it is sent now if there is a connection, and Background Sync is asked to wake the page if not.
    if (!hold) {
      void wakeWhenOnline();
      void sendOutbox(userId).catch(() => {});
    }
  }
  return true;
}

/** Whether a failed call failed for want of a connection (as opposed to an answer the server gave). */
export function isNetworkFailure(err: unknown): boolean {
  return err instanceof TypeError || (typeof navigator !== 'undefined' && navigator.onLine === false);
}

/**
 * Events this tab has just sent from the outbox, so the page can say so with a link to each: sent in the background
 * when the connection came back, an evening otherwise just vanished from "Waiting to send". Kept in this tab's
 * memory only: a notice, not a record (the events themselves are on the server).
 */
export type SentItem = { key: string; userId: string; title: string; eventId: string | null };
let sentNow: SentItem[] = [];
export const listSent = (userId: string): SentItem[] => sentNow.filter((s) => s.userId === userId);
export function dismissSent(userId: string) {
  sentNow = sentNow.filter((s) => s.userId !== userId);
  announce();
}

type Problem = { detail?: string; errors?: { path: string; message: string }[] };

/** Sends one item. Resolves to 'sent', 'kept' (refused: the message is stored beside it) or 'offline'. */
async function sendOne(item: OutboxItem): Promise<'sent' | 'kept' | 'offline'> {
  let res: Response;
  try {
    res = await fetch('/api/v1/events', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.key },
      body: JSON.stringify(item.payload),
    });
  } catch {
    return 'offline';
  }
  if (res.ok) {
    await del(item.key, outbox());
    const created = (await res.json().catch(() => null)) as { id?: unknown } | null;
    sentNow.push({ key: item.key, userId: item.userId, title: item.title, eventId: typeof created?.id === 'string' ? created.id : null });
    return 'sent';
  }
  if (res.status >= 500 || res.status === 429) return 'offline';
  const problem = (await res.json().catch(() => ({}))) as Problem;
  const fieldErrors: Record<string, string[]> = {};
  for (const e of problem.errors ?? []) (fieldErrors[e.path] ??= []).push(e.message);
  const refused: OutboxItem =
    res.status === 401
      ? { ...item, needsSignIn: true, message: 'Your session has ended. Sign in again and this will be sent; nothing is lost.' }
      : {
          ...item,
          needsSignIn: false,
          refused: true,
          fieldErrors,
          message: problem.errors?.length
            ? 'Some details need fixing before this can be sent. Open it to fix them.'
            : (problem.detail ?? 'The server could not take this event. Open it to check it.'),
        };
  // Opened in the form while this was on its way, it stays held; discarded meanwhile, it stays gone.
  const now = await get<OutboxItem>(item.key, outbox());
  if (now) await set(item.key, { ...refused, editing: now.editing }, outbox());
  return 'kept';
}

/**
 * Sends every waiting event of the user, then every waiting tick, one at a time, one tab at a time (a Web Lock
 * where the browser has them; the idempotency key and the version make a second sender harmless anyway).
 * Returns how many went.
 */
export async function sendOutbox(userId: string): Promise<number> {
  const run = async () => {
    let sent = 0;
    for (const listed of await listOutbox(userId)) {
      // Read again just before it goes: opened in the form (in this tab or another) since the list was read, it waits.
      const item = await get<OutboxItem>(listed.key, outbox());
      if (!item || item.refused || item.editing) continue;
      const result = await sendOne(item);
      if (result === 'offline') break;
      if (result === 'sent') sent += 1;
    }
    return sent + (await sendTaps(userId));
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const sent = locks ? await locks.request('rapport-outbox', run) : await run();
  announce();
  return sent;
}

/** Who is signed in on this page (set by the app shell), so a tick made offline is kept under its owner. */
let deviceUser: string | undefined;
export const setDeviceUser = (userId: string | undefined) => void (deviceUser = userId);
export const getDeviceUser = () => deviceUser;
