import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's parameters (m=19 MiB, t=2, p=1): @node-rs/argon2's defaults, spelled out.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Check a password against a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verified when the email is unknown, so that a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
/** A hash to verify against when there is no user, to keep timings alike. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  return dummyHash;
}
