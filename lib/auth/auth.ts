import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientAddress } from '@/lib/client-address';
import { purgeExpired } from '@/lib/deleted/queries';
import { hit, reset, unhit } from '@/lib/rate-limit';
import { authConfig } from './config';
import { cookieValue, KNOWN_DEVICE_COOKIE, knownDeviceFor } from './known-device';
import { createSession, deleteSession, verifyCredentials } from './users';
import { signInSchema } from './validation';

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

/** Failed sign-ins allowed per email (per email and address, behind a trusted proxy) in a 15-minute window. */
export const SIGN_IN_LIMIT = Number(process.env.SIGN_IN_LIMIT ?? 10);
const SIGN_IN_IP_LIMIT = Number(process.env.SIGN_IN_IP_LIMIT ?? SIGN_IN_LIMIT * 5);
const WINDOW_SECONDS = 15 * 60;

/**
 * The failure counters an attempt is checked against. A browser that has signed in to this account before (a
 * known device) has a counter of its own and is not held back by anyone else's failures. Otherwise, where the
 * client address is known, the lock is per email and address, with a looser per-email cap against spraying
 * from many addresses; where it is not, per email (strangers then lock out strangers, not the known devices).
 */
function failureKeys(email: string, address: string | null, device: string | null): { key: string; limit: number }[] {
  if (device) return [{ key: `sign-in:fail:${email}:device:${device}`, limit: SIGN_IN_LIMIT }];
  if (!address) return [{ key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT }];
  return [
    { key: `sign-in:fail:${email}:${address}`, limit: SIGN_IN_LIMIT },
    { key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT * 10 },
    { key: `sign-in:fail-ip:${address}`, limit: SIGN_IN_IP_LIMIT },
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password (or a rate-limited attempt) is the form's business, not a ten-line stack trace in the
    // server log per attempt; anything else next-auth reports is still logged.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  events: {
    // next-auth's own sign-out route (POST /api/auth/signout) must end the server-side session too.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await deleteSession(sid);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const device = knownDeviceFor(cookieValue(request.headers.get('cookie'), KNOWN_DEVICE_COOKIE), email);
        const keys = failureKeys(email, clientAddress(request.headers), device);
        // Each attempt is counted before the password is checked, in one atomic upsert per counter: attempts sent
        // side by side cannot all pass a check made before any of them had failed.
        let allowed = true;
        for (const { key, limit } of keys) allowed = (await hit(key, limit, WINDOW_SECONDS)).allowed && allowed;
        if (!allowed) throw new RateLimitedSignIn();
        const user = await verifyCredentials(email, password);
        if (!user) return null;
        // Only failures count: the right password clears this client's counter and takes its attempt back from
        // the wider ones.
        await reset(keys[0]!.key);
        for (const { key } of keys.slice(1)) await unhit(key);
        const sid = await createSession(user.id, request.headers.get('user-agent'));
        // Housekeeping on a path every user takes: what was deleted before the restore window goes for good.
        await purgeExpired(user.id).catch((err) => console.error('purging expired deletions failed', err));
        return { id: user.id, email: user.email, name: user.name, sid };
      },
    }),
  ],
});
