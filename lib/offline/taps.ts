/**
 * Ticks made with no signal: a follow-up marked done (or reopened) offline waits here, one entry per follow-up,
 * and is sent when the connection returns. Browser-only (IndexedDB through idb-keyval), beside the event outbox.
 *
 * A tick carries the version the phone last saw. Sent later, it is a `PATCH` of the status alone from that
 * version. When the follow-up was changed elsewhere in the meantime (409), the tick is re-applied on the new
 * copy only if that copy still has the status the tick started from: then the other device changed other fields,
 * which stay as they are. If the other device changed the status itself, its change stands and the tick waits
 * with a message; nothing is overwritten silently.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { announce, wakeWhenOnline } from './changes';

export type TapStatus = 'open' | 'done';

export type TapItem = {
  /** `follow-up:<id>`: one entry per follow-up, the latest tick wins on the phone. */
  key: string;
  userId: string;
  followUpId: string;
  /** The follow-up's text, to name it in the outbox. */
  action: string;
  /** The status the tick asks for, and the one the phone saw when it was tapped. */
  status: TapStatus;
  from: TapStatus;
  version: number;
  savedAt: number;
  message?: string;
  needsSignIn?: boolean;
  refused?: boolean;
  /** The follow-up is no longer there (deleted elsewhere): only discarding is left. */
  gone?: boolean;
};

let store: UseStore | undefined;
const taps = () => (store ??= createStore('rapport-outbox-taps', 'taps'));
const tapKey = (followUpId: string) => `follow-up:${followUpId}`;

export async function listTaps(userId: string): Promise<TapItem[]> {
  const all = (await entries<string, TapItem>(taps())).map(([, item]) => item);
  return all.filter((item) => item.userId === userId).sort((a, b) => a.savedAt - b.savedAt);
}

/** The status waiting on this phone for each of these follow-ups that has a tick waiting (ids are unique to a user). */
export async function waitingTicks(followUpIds: string[]): Promise<Map<string, TapStatus>> {
  const wanted = new Set(followUpIds);
  const found = new Map<string, TapStatus>();
  for (const [, item] of await entries<string, TapItem>(taps())) if (wanted.has(item.followUpId)) found.set(item.followUpId, item.status);
  return found;
}

/**
 * Keeps a tick. A second tick on the same follow-up replaces the first, keeping where it started from, and a tick
 * back to where it started (done, then reopened, all offline) leaves nothing to send.
 */
export async function keepTap(item: Omit<TapItem, 'key' | 'savedAt'>): Promise<'kept' | 'cancelled'> {
  const key = tapKey(item.followUpId);
  const earlier = await get<TapItem>(key, taps());
  const base = earlier?.userId === item.userId ? { from: earlier.from, version: earlier.version } : {};
  const next: TapItem = { ...item, ...base, key, savedAt: Date.now() };
  if (next.status === next.from) {
    await del(key, taps());
    announce();
    return 'cancelled';
  }
  await set(key, next, taps());
  announce();
  await wakeWhenOnline();
  return 'kept';
}

export async function removeTap(userId: string, key: string): Promise<void> {
  const item = await get<TapItem>(key, taps());
  if (item?.userId !== userId) return;
  await del(key, taps());
  announce();
}

type Answer = { status?: TapStatus; version?: number; current?: { status?: TapStatus; version?: number }; detail?: string };

/** Sends one tick: 'sent', 'kept' (refused or needing sign-in: the reason is stored beside it) or 'offline'. */
async function sendTap(item: TapItem, version = item.version, again = true): Promise<'sent' | 'kept' | 'offline'> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/follow-ups/${encodeURIComponent(item.followUpId)}`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: item.status, version }),
    });
  } catch {
    return 'offline';
  }
  if (res.ok) {
    await del(item.key, taps());
    return 'sent';
  }
  if (res.status >= 500 || res.status === 429) return 'offline';
  const answer = (await res.json().catch(() => ({}))) as Answer;
  if (res.status === 409 && answer.current) {
    const now = answer.current;
    // Already as the tick wants it (ticked on the other device too): nothing left to do.
    if (now.status === item.status) {
      await del(item.key, taps());
      return 'sent';
    }
    // Changed elsewhere, but not its status: the tick goes on top of that copy, once.
    if (now.status === item.from && typeof now.version === 'number' && again) return sendTap(item, now.version, false);
  }
  const kept: TapItem =
    res.status === 401
      ? { ...item, needsSignIn: true, message: 'Your session has ended. Sign in again and this will be sent.' }
      : {
          ...item,
          needsSignIn: false,
          refused: true,
          gone: res.status === 404,
          message:
            res.status === 404
              ? 'This follow-up was deleted on another device.'
              : res.status === 409
                ? `Changed on another device since: it is ${answer.current?.status === 'done' ? 'done' : 'open'} there now. Discard this tick, or open the follow-up to check it.`
                : (answer.detail ?? 'The server could not take this change.'),
        };
  await set(item.key, kept, taps());
  return 'kept';
}

/** Sends every waiting tick of the user in the order they were made; stops at the first sign of no connection. */
export async function sendTaps(userId: string): Promise<number> {
  let sent = 0;
  for (const item of await listTaps(userId)) {
    if (item.refused) continue;
    const result = await sendTap(item);
    if (result === 'offline') break;
    if (result === 'sent') sent += 1;
  }
  return sent;
}
