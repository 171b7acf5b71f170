'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, formSubmit, refuse, type ActionResult } from '@/lib/actions/form-action';
import { createApiToken, DEFAULT_TOKEN_LIFETIME, revokeAllApiTokens, revokeApiToken } from '@/lib/api/tokens';
import { confirmPassword, TOO_MANY_WRONG_PASSWORDS } from '@/lib/auth/confirm-password';

/** The plain token goes back once, to be shown once. */
export type CreatedToken = { token: string; tokenName: string; tokenId: string };

const createSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after where it is used, e.g. “Shortcuts on my phone”')
    .max(80, 'Keep the name to 80 characters')
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
export const createApiTokenAction = formAction(
  createSchema,
  async ({ user, input }): Promise<CreatedToken> => {
    // A full password hasher answers 503 "busy" through formAction's error mapping.
    const confirmed = await confirmPassword(user.id, input.password);
    if (confirmed === 'limited') refuse({ status: 429, message: TOO_MANY_WRONG_PASSWORDS });
    if (confirmed === 'wrong') refuse({ status: 400, fieldErrors: { password: ['That is not your password'] } });
    const created = await createApiToken(user.id, input.name, { scope: input.access, lifetimeDays: input.expires });
    return { token: created.token, tokenName: created.name, tokenId: created.id };
  },
  {
    name: 'api-tokens.create',
    input: (formData) => ({
      name: formData.get('name') ?? '',
      access: formData.get('access') ?? 'write',
      expires: formData.get('expires') ?? String(DEFAULT_TOKEN_LIFETIME),
      password: formData.get('password') ?? '',
    }),
    after: (data) => {
      revalidatePath('/settings');
      return { ok: true, data };
    },
  },
);

export type TokenFormState = ActionResult<CreatedToken>;

/** Revokes one of the user's tokens; someone else's id does nothing, like a missing one. */
export const revokeApiTokenAction = formSubmit(
  z.object({ tokenId: z.uuid() }),
  async ({ user, input }) => {
    await revokeApiToken(user.id, input.tokenId);
  },
  { name: 'api-tokens.revoke', after: () => revalidatePath('/settings') },
);

/** Revokes every API token of the user's at once (a leaked script, a lost laptop). */
export const revokeAllApiTokensAction = formSubmit(z.object({}), async ({ user }) => revokeAllApiTokens(user.id), {
  name: 'api-tokens.revoke-all',
  after: (revoked) => {
    revalidatePath('/settings');
    redirect(`/settings?tokensRevoked=${revoked}#sessions`);
  },
});
