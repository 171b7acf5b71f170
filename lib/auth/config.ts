import type { NextAuthConfig } from 'next-auth';

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * The part of the next-auth config that the proxy can load: no providers that touch the database.
 * The JWT carries only the server-side session id (`sid`); lib/dal.ts looks it up on every request.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: THIRTY_DAYS },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sid = (user as { sid?: string }).sid;
        token.sub = user.id;
      }
      return token;
    },
    // The session id stays inside the encrypted cookie: /api/auth/session, readable by any script on the page,
    // does not repeat it. Pages and the API read the signed-in user through lib/dal.ts, never through this.
    session({ session }) {
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
  }
}
