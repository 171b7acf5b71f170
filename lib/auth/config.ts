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
    // next-auth copies the user's name and email into the token; they are dropped, so the cookie names the session
    // and nothing else (a token issued before this loses them the next time next-auth re-issues it).
    jwt({ token, user }) {
      if (user) {
        token.sid = (user as { sid?: string }).sid;
        token.sub = user.id;
      }
      delete token.name;
      delete token.email;
      delete token.picture;
      return token;
    },
    // /api/auth/session answers from the cookie alone, so it would still name a user whose session was revoked or
    // whose account was deleted; it answers only when the cookie expires. Readable by any script on the page, it
    // repeats neither the session id nor who the user is: pages and the API read the signed-in user through
    // lib/dal.ts (the session row in Postgres), never through this.
    session({ session }) {
      return { expires: session.expires };
    },
  },
} satisfies NextAuthConfig;

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
  }
}
