import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientAddress } from '@/lib/client-address';
import { purgeExpired } from '@/lib/deleted/queries';
import { authConfig } from './config';
import { cookieValue, KNOWN_DEVICE_COOKIE, knownDeviceFor } from './known-device';
import { countAttempt, failureKeys, forgiveAttempt } from './sign-in-limits';
import { createSession, deleteSession, verifyCredentials } from './users';
import { signInSchema } from './validation';
import { logError } from '@/lib/log';

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password (or a rate-limited attempt) is the form's business, not a ten-line stack trace in the
    // server log per attempt; anything else next-auth reports is still logged.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === 'CredentialsSignin') return;
      logError('auth', error);
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
        if (!(await countAttempt(keys))) throw new RateLimitedSignIn();
        const user = await verifyCredentials(email, password);
        if (!user) return null;
        await forgiveAttempt(keys);
        const sid = await createSession(user.id, request.headers.get('user-agent'));
        // Housekeeping on a path every user takes: what was deleted before the restore window goes for good.
        await purgeExpired(user.id).catch((err) => console.error('purging expired deletions failed', err));
        return { id: user.id, email: user.email, name: user.name, sid };
      },
    }),
  ],
});
