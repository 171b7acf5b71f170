import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's parameters (m=19 MiB, t=2, p=1): @node-rs/argon2's defaults, spelled out.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Refused without hashing: as many password checks as this process allows are running or waiting. */
export class PasswordHasherBusy extends Error {
  readonly retryAfterSeconds = 2;
  constructor() {
    super('Too many password checks at once; try again in a few seconds.');
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
const hashSlot = boundedConcurrency(
  positive(process.env.PASSWORD_HASH_CONCURRENCY, 4),
  positive(process.env.PASSWORD_HASH_QUEUE, 16),
);

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
