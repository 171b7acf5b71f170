'use server';

import { AuthError } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { publicFormAction, refuse, type ActionResult } from '@/lib/actions/form-action';
import { signIn, signOut } from '@/lib/auth/auth';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE, withKnownDevice } from '@/lib/auth/known-device';
import { PASSWORD_BUSY_MESSAGE } from '@/lib/auth/password';
import { countSignUp } from '@/lib/auth/sign-up-limits';
import { createUser, deleteSession } from '@/lib/auth/users';
import { signInSchema, signUpSchema } from '@/lib/auth/validation';
import { clientAddress } from '@/lib/client-address';
import { getSessionId } from '@/lib/dal';
import { safeRedirectPath } from '@/lib/forms';
import { siteOrigin } from '@/lib/site-origin';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

/** Signs in; a refusal (wrong credentials, too many attempts) comes back as the result, success redirects. */
async function signInWith(email: string, password: string, redirectTo: string): Promise<ActionResult<never>> {
  try {
    await signIn('credentials', { email, password, redirectTo, redirect: false });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    const code = (err as AuthError & { code?: string }).code;
    if (code === 'rate_limited') {
      return { ok: false, status: 429, message: 'Too many attempts. Wait 15 minutes, then try again.' };
    }
    if (code === 'busy') return { ok: false, status: 503, message: PASSWORD_BUSY_MESSAGE };
    return { ok: false, status: 401, message: WRONG_CREDENTIALS };
  }
  // Signed in: this browser is now a known device for the account (see lib/auth/known-device.ts).
  const jar = await cookies();
  jar.set(KNOWN_DEVICE_COOKIE, withKnownDevice(jar.get(KNOWN_DEVICE_COOKIE)?.value, email), {
    httpOnly: true,
    sameSite: 'lax',
    // The same reading of "is this HTTPS?" as links use: AUTH_URL, or forwarded headers only behind a trusted proxy.
    secure: siteOrigin(await headers()).startsWith('https:'),
    path: '/',
    maxAge: KNOWN_DEVICE_MAX_AGE,
  });
  redirect(redirectTo);
}

/** Signs in with email and password; a wrong email and a wrong password get the same answer. */
export const signInAction = publicFormAction(signInSchema.extend({ callbackUrl: z.unknown() }), async ({ input }) => input, {
  name: 'auth.sign-in',
  input: (formData) => ({ email: formData.get('email'), password: formData.get('password'), callbackUrl: formData.get('callbackUrl') }),
  write: false,
  // After the parse, outside the error handling: signing in redirects on success.
  after: async (input, { values }) => ({ ...(await signInWith(input.email, input.password, safeRedirectPath(input.callbackUrl))), values }),
});

/** Creates an account (with the default sectors) and signs the new user in. */
export const signUpAction = publicFormAction(
  signUpSchema,
  async ({ input }) => {
    // Each account costs an argon2 hash and can publish: cap sign-ups per address, then overall.
    const limit = await countSignUp(clientAddress(await headers()));
    if (!limit.allowed) refuse({ status: 429, message: 'Too many new accounts from here just now. Try again in an hour.' });
    // A full password hasher (PasswordHasherBusy) answers 503 with its message, through formAction's error mapping.
    await createUser(input);
  },
  {
    name: 'auth.sign-up',
    input: (formData) => ({
      name: formData.get('name'),
      email: formData.get('email'),
      password: formData.get('password'),
      timeZone: formData.get('timeZone') ?? undefined,
      locale: formData.get('locale') ?? undefined,
    }),
    write: false,
    failureMessage: 'We could not create your account just now. Please try again.',
    after: async (_, { input, values }) => ({ ...(await signInWith(input.email, input.password, '/')), values }),
  },
);

/** Ends this session in the database (so the token is dead everywhere), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const sid = await getSessionId();
  if (sid) await deleteSession(sid);
  await signOut({ redirect: false });
  redirect('/sign-in');
}
