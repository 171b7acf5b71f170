import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { hit, reset } from '@/lib/rate-limit';
import { authConfig } from './config';
import { createSession, verifyCredentials } from './users';
import { signInSchema } from './validation';

export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

/** Attempts allowed per email, and per client address, in SIGN_IN_WINDOW_SECONDS. */
export const SIGN_IN_LIMIT = Number(process.env.SIGN_IN_LIMIT ?? 10);
const SIGN_IN_IP_LIMIT = Number(process.env.SIGN_IN_IP_LIMIT ?? SIGN_IN_LIMIT * 5);
const SIGN_IN_WINDOW_SECONDS = 15 * 60;

function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'unknown';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const byEmail = await hit(`sign-in:email:${email}`, SIGN_IN_LIMIT, SIGN_IN_WINDOW_SECONDS);
        const byAddress = await hit(`sign-in:ip:${clientAddress(request)}`, SIGN_IN_IP_LIMIT, SIGN_IN_WINDOW_SECONDS);
        if (!byEmail.allowed || !byAddress.allowed) throw new RateLimitedSignIn();
        const user = await verifyCredentials(email, password);
        if (!user) return null;
        await reset(`sign-in:email:${email}`);
        const sid = await createSession(user.id, request.headers.get('user-agent'));
        return { id: user.id, email: user.email, name: user.name, sid };
      },
    }),
  ],
});
