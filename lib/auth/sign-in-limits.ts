import { hit, reset, unhit } from '@/lib/rate-limit';

/** Failed sign-ins allowed per email (per email and address, behind a trusted proxy) in a 15-minute window. */
export const SIGN_IN_LIMIT = Number(process.env.SIGN_IN_LIMIT ?? 10);
const SIGN_IN_IP_LIMIT = Number(process.env.SIGN_IN_IP_LIMIT ?? SIGN_IN_LIMIT * 5);
const WINDOW_SECONDS = 15 * 60;

export interface AttemptKey {
  key: string;
  limit: number;
}

/**
 * The failure counters an attempt is checked against, narrowest first. A browser that has signed in to this
 * account before (a known device) has a counter of its own and is not held back by anyone else's failures.
 * Otherwise, where the client address is known, the lock is per email and address, with a looser per-email cap
 * against spraying from many addresses and a per-address cap; where it is not, per email (strangers then lock
 * out strangers, not the known devices).
 */
export function failureKeys(email: string, address: string | null, device: string | null): AttemptKey[] {
  if (device) return [{ key: `sign-in:fail:${email}:device:${device}`, limit: SIGN_IN_LIMIT }];
  if (!address) return [{ key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT }];
  return [
    { key: `sign-in:fail:${email}:${address}`, limit: SIGN_IN_LIMIT },
    { key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT * 10 },
    { key: `sign-in:fail-ip:${address}`, limit: SIGN_IN_IP_LIMIT },
  ];
}

/**
 * Counts an attempt before the password is checked, one atomic upsert per counter, so attempts sent side by
 * side cannot all pass a check made before any of them had failed. Narrowest counter first, and an attempt
 * one counter refuses goes no further: a client already locked out cannot go on filling the account-wide
 * counter and lock the owner out everywhere. False when refused.
 */
export async function countAttempt(keys: AttemptKey[]): Promise<boolean> {
  for (const { key, limit } of keys) {
    if (!(await hit(key, limit, WINDOW_SECONDS)).allowed) return false;
  }
  return true;
}

/** Takes the attempt back from every counter: it was refused before the password was checked (server busy). */
export async function takeBackAttempt(keys: AttemptKey[]): Promise<void> {
  for (const { key } of keys) await unhit(key);
}

/** Only failures count: the right password clears this client's counter and takes its attempt back from the rest. */
export async function forgiveAttempt(keys: AttemptKey[]): Promise<void> {
  await reset(keys[0]!.key);
  for (const { key } of keys.slice(1)) await unhit(key);
}
