import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientAddress } from '@/lib/client-address';
import { purgeExpired } from '@/lib/deleted/queries';
import { hit, peek, reset } from '@/lib/rate-limit';
import { authConfig } from './config';
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
 * The failure counters an attempt is checked against. Only failures count, so a user who types the right
 * password is never slowed by their own success. Where the client address is known, the lock is per email and
 * address (a stranger cannot lock a user out from elsewhere), with a looser per-email cap against spraying from
 * many addresses; where it is not, per email.
 */
function failureKeys(email: string, address: string | null): { key: string; limit: number }[] {
  if (!address) return [{ key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT }];
  return [
    { key: `sign-in:fail:${email}:${address}`, limit: SIGN_IN_LIMIT },
    { key: `sign-in:fail:${email}`, limit: SIGN_IN_LIMIT * 10 },
    { key: `sign-in:fail-ip:${address}`, limit: SIGN_IN_IP_LIMIT },
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
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
        const keys = failureKeys(email, clientAddress(request.headers));
        for (const { key, limit } of keys) {
          if ((await peek(key, WINDOW_SECONDS)) >= limit) throw new RateLimitedSignIn();
        }
        const user = await verifyCredentials(email, password);
        if (!user) {
          for (const { key, limit } of keys) await hit(key, limit, WINDOW_SECONDS);
          return null;
        }
        await reset(keys[0]!.key);
        const sid = await createSession(user.id, request.headers.get('user-agent'));
        // Housekeeping on a path every user takes: what was deleted before the restore window goes for good.
        await purgeExpired(user.id).catch((err) => console.error('purging expired deletions failed', err));
        return { id: user.id, email: user.email, name: user.name, sid };
      },
    }),
  ],
});
