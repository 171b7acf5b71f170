import { hash, verify } from '@node-rs/argon2';
import { BusyError } from '@/lib/errors';

// argon2id with OWASP's parameters (m=19 MiB, t=2, p=1): @node-rs/argon2's defaults, spelled out.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** What the user reads when every password slot is taken (the form keeps what they typed, but the password). */
export const PASSWORD_BUSY_MESSAGE = 'Rapport is busy just now: try again in a moment. Nothing was saved.';

/** Refused without hashing: as many password checks as this process allows are running or waiting. */
export class PasswordHasherBusy extends BusyError {
  constructor() {
    super(PASSWORD_BUSY_MESSAGE, 2);
    this.name = 'PasswordHasherBusy';
  }
}

/**
 * Runs at most `running` tasks at once, with at most `waiting` more in line; past that a task is refused with
 * PasswordHasherBusy instead of joining an unbounded queue. Per process on purpose: it protects this process's
 * CPU and memory (each argon2 hash takes 19 MiB), not a limit users share across servers.
 */
export function boundedConcurrency(running: number, waiting: number) {
  let active = 0;
  const line: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= running) {
      if (line.length >= waiting) throw new PasswordHasherBusy();
      await new Promise<void>((resolve) => line.push(resolve));
    } else {
      active++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = line.shift();
      if (next) next();
      else active--;
    }
  };
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Password hashes and checks this process runs at once (PASSWORD_HASH_CONCURRENCY), and how many may wait. */
const hashSlot = boundedConcurrency(positive(process.env.PASSWORD_HASH_CONCURRENCY, 4), positive(process.env.PASSWORD_HASH_QUEUE, 16));

/**
 * Runs `task` in one of the password-hashing slots (busy like a hash when none is free). Tests hold slots with it to
 * see what a full hasher answers.
 */
export function inPasswordSlot<T>(task: () => Promise<T>): Promise<T> {
  return hashSlot(task);
}

/** Hash a password with argon2id; PasswordHasherBusy when this process is already hashing all it allows. */
export function hashPassword(password: string): Promise<string> {
  return hashSlot(() => hash(password, OPTIONS));
}

/**
 * Check a password against a stored hash; a malformed hash counts as a mismatch. PasswordHasherBusy when this
 * process is already hashing all it allows.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return hashSlot(async () => {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  });
}

// Verified when the email is unknown, so that a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
/** A hash to verify against when there is no user, to keep timings alike. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-' + Math.random(), OPTIONS);
  return dummyHash;
}
