import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Known devices (OWASP's "device cookie"): a browser that once signed in to an account keeps a signed mark of
 * it, and its failed attempts count on their own. A stranger who fails on purpose to lock the account therefore
 * locks out strangers only, never the owner's own phone or laptop.
 *
 * The cookie holds up to MAX_MARKS marks, `nonce.mac`, where mac = HMAC(AUTH_SECRET, email + nonce): it names no
 * account, and a mark is only good for the email it was made for. It is not a credential: the password is
 * still checked every time.
 */
export const KNOWN_DEVICE_COOKIE = 'rapport-known-device';
const MAX_MARKS = 5;
export const KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60;

function mac(email: string, nonce: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return createHmac('sha256', secret).update(`known-device\u0000${email.toLowerCase()}\u0000${nonce}`).digest('base64url');
}

function marksIn(cookieValue: string | undefined): string[] {
  return (cookieValue ?? '')
    .split('~')
    .filter((m) => /^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{43}$/.test(m))
    .slice(0, MAX_MARKS);
}

/** The device id (its mark's nonce) when the cookie carries a mark for this email, else null. */
export function knownDeviceFor(cookieValue: string | undefined, email: string): string | null {
  for (const mark of marksIn(cookieValue)) {
    const [nonce, given] = mark.split('.') as [string, string];
    const expected = Buffer.from(mac(email, nonce));
    const actual = Buffer.from(given);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return nonce;
  }
  return null;
}

/** The cookie value after a successful sign-in to `email`: its mark first, older marks for other accounts kept. */
export function withKnownDevice(cookieValue: string | undefined, email: string): string {
  const others = marksIn(cookieValue).filter((m) => knownDeviceFor(m, email) === null);
  const nonce = randomBytes(16).toString('base64url');
  return [`${nonce}.${mac(email, nonce)}`, ...others].slice(0, MAX_MARKS).join('~');
}

/** The named cookie's value out of a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
