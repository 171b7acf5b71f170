'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction, formSubmit, type ActionResult } from '@/lib/actions/form-action';
import { createApiToken, revokeApiToken } from '@/lib/api/tokens';

/** The plain token goes back once, to be shown once. */
export type CreatedToken = { token: string; tokenName: string; tokenId: string };

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after where it is used, e.g. “Shortcuts on my phone”')
    .max(80, 'Keep the name under 80 characters')
    .refine((s) => !s.includes('\u0000'), 'Remove the NUL character'),
});

/** Creates an API token; the plain token goes back once, to be shown once. */
export const createApiTokenAction = formAction(
  nameSchema,
  async ({ user, input }): Promise<CreatedToken> => {
    const created = await createApiToken(user.id, input.name);
    return { token: created.token, tokenName: created.name, tokenId: created.id };
  },
  {
    name: 'api-tokens.create',
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
