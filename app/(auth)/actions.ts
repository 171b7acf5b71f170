'use server';

import { AuthError } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth/auth';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE, withKnownDevice } from '@/lib/auth/known-device';
import { PasswordHasherBusy } from '@/lib/auth/password';
import { countSignUp } from '@/lib/auth/sign-up-limits';
import { createUser } from '@/lib/auth/users';
import { deleteSession } from '@/lib/auth/users';
import { signInSchema, signUpSchema } from '@/lib/auth/validation';
import { getSessionId } from '@/lib/dal';
import { UserFacingError } from '@/lib/errors';
import { clientAddress } from '@/lib/client-address';
import { siteOrigin } from '@/lib/site-origin';
import { errorState, fieldErrorsOf, type FormState, formValues, safeRedirectPath } from '@/lib/forms';

const WRONG_CREDENTIALS = 'Email or password is incorrect';
const BUSY = 'Rapport is busy just now. Try again in a few seconds.';

async function signInWith(email: string, password: string, redirectTo: string): Promise<FormState | never> {
  try {
    await signIn('credentials', { email, password, redirectTo, redirect: false });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    const code = (err as AuthError & { code?: string }).code;
    if (code === 'rate_limited') {
      return { message: 'Too many attempts. Wait 15 minutes, then try again.' };
    }
    if (code === 'busy') return { message: BUSY };
    return { message: WRONG_CREDENTIALS };
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
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const result = await signInWith(parsed.data.email, parsed.data.password, safeRedirectPath(formData.get('callbackUrl')));
  return { ...result, values };
}

/** Creates an account (with the default sectors) and signs the new user in. */
export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const parsed = signUpSchema.safeParse({
    name: formData.get('name'),
    email: formData.get('email'),
    password: formData.get('password'),
    timeZone: formData.get('timeZone') ?? undefined,
    locale: formData.get('locale') ?? undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  // Each account costs an argon2 hash and can publish: cap sign-ups per address, then overall.
  const limit = await countSignUp(clientAddress(await headers()));
  if (!limit.allowed) return { message: 'Too many new accounts from here just now. Try again in an hour.', values };
  try {
    await createUser(parsed.data);
  } catch (err) {
    if (err instanceof UserFacingError) return errorState(err, values);
    if (err instanceof PasswordHasherBusy) return { message: BUSY, values };
    console.error('Sign-up failed', err);
    return { message: 'We could not create your account just now. Please try again.', values };
  }
  const result = await signInWith(parsed.data.email, parsed.data.password, '/');
  return { ...result, values };
}

/** Ends this session in the database (so the token is dead everywhere), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const sid = await getSessionId();
  if (sid) await deleteSession(sid);
  await signOut({ redirect: false });
  redirect('/sign-in');
}
