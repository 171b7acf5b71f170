'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createApiToken, DEFAULT_TOKEN_LIFETIME, revokeAllApiTokens, revokeApiToken } from '@/lib/api/tokens';
import { confirmPassword } from '@/lib/auth/confirm-password';
import { PasswordHasherBusy } from '@/lib/auth/password';
import { requireUser } from '@/lib/dal';
import { fieldErrorsOf, formValues, type FormState } from '@/lib/forms';

export type TokenFormState = FormState & { token?: string; tokenName?: string; tokenId?: string };

const createSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after where it is used, e.g. “Shortcuts on my phone”')
    .max(80, 'Keep the name under 80 characters')
    .refine((s) => !s.includes('\u0000'), 'Remove the NUL character'),
  access: z.enum(['read', 'write'], { error: 'Choose what the token may do' }),
  // Days, or "never".
  expires: z
    .enum(['30', '90', '365', 'never'], { error: 'Choose when the token expires' })
    .transform((v) => (v === 'never' ? null : (Number(v) as 30 | 90 | 365))),
  password: z.string().min(1, 'Enter your password to create a token').max(1000),
});

/**
 * Creates an API token once the user has typed their password again (a stolen session alone cannot mint a
 * long-lived credential); the plain token goes back once, to be shown once.
 */
export async function createApiTokenAction(_prev: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = createSchema.safeParse({
    name: formData.get('name') ?? '',
    access: formData.get('access') ?? 'write',
    expires: formData.get('expires') ?? String(DEFAULT_TOKEN_LIFETIME),
    password: formData.get('password') ?? '',
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  let confirmed;
  try {
    confirmed = await confirmPassword(user.id, parsed.data.password);
  } catch (err) {
    if (err instanceof PasswordHasherBusy) return { message: 'Rapport is busy just now. Try again in a few seconds.', values };
    throw err;
  }
  if (confirmed === 'limited') return { message: 'Too many wrong passwords. Wait 15 minutes, then try again.', values };
  if (confirmed === 'wrong') return { fieldErrors: { password: ['That is not your password'] }, values };
  const created = await createApiToken(user.id, parsed.data.name, { scope: parsed.data.access, lifetimeDays: parsed.data.expires });
  revalidatePath('/settings');
  return { ok: true, token: created.token, tokenName: created.name, tokenId: created.id };
}

/** Revokes one of the user's tokens; someone else's id does nothing, like a missing one. */
export async function revokeApiTokenAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = z.uuid().safeParse(formData.get('tokenId'));
  if (id.success) await revokeApiToken(user.id, id.data);
  revalidatePath('/settings');
}

/** Revokes every API token of the user's at once (a leaked script, a lost laptop). */
export async function revokeAllApiTokensAction(): Promise<void> {
  const user = await requireUser();
  const revoked = await revokeAllApiTokens(user.id);
  revalidatePath('/settings');
  redirect(`/settings?tokensRevoked=${revoked}#sessions`);
}
