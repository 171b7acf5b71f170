import { clientAddress } from '@/lib/client-address';
import { cookieValue, KNOWN_DEVICE_COOKIE, knownDeviceFor } from './known-device';
import { PasswordHasherBusy } from './password';
import { countAttempt, failureKeys, forgiveAttempt, takeBackAttempt } from './sign-in-limits';
import { createSession, verifyCredentials } from './users';
import { signInSchema } from './validation';

/**
 * A sign-in refused before the password was compared: `rate_limited` (this client's counters are full) or `busy`
 * (this process is already checking as many passwords as it allows; nothing was counted). lib/auth/auth.ts hands
 * the code on to next-auth, whose errors cannot be loaded outside Next.
 */
export class SignInRefused extends Error {
  constructor(readonly code: 'rate_limited' | 'busy') {
    super(`Sign-in refused: ${code}`);
    this.name = 'SignInRefused';
  }
}

/**
 * The credentials provider's check: counts the attempt against this client's counters, checks the password,
 * and on success starts a server-side session. It only signs in: housekeeping (purges, expiry) has its own
 * schedule (lib/housekeeping).
 */
export async function authorizeCredentials(credentials: unknown, headers: Headers) {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const device = knownDeviceFor(cookieValue(headers.get('cookie'), KNOWN_DEVICE_COOKIE), email);
  const keys = failureKeys(email, clientAddress(headers), device);
  if (!(await countAttempt(keys))) throw new SignInRefused('rate_limited');
  let user;
  try {
    user = await verifyCredentials(email, password);
  } catch (err) {
    if (!(err instanceof PasswordHasherBusy)) throw err;
    await takeBackAttempt(keys);
    throw new SignInRefused('busy');
  }
  if (!user) return null;
  await forgiveAttempt(keys);
  const sid = await createSession(user.id, headers.get('user-agent'));
  return { id: user.id, email: user.email, name: user.name, sid };
}
