import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './config';
import { authorizeCredentials, SignInRefused } from './authorize';
import { deleteSession } from './users';
import { logError } from '@/lib/log';

/** A refused attempt, with the code the sign-in form turns into its message. */
class RefusedSignIn extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
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
        try {
          return await authorizeCredentials(credentials, request.headers);
        } catch (err) {
          if (err instanceof SignInRefused) throw new RefusedSignIn(err.code);
          throw err;
        }
      },
    }),
  ],
});
