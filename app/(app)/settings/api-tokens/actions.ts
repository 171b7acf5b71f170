'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createApiToken, revokeApiToken } from '@/lib/api/tokens';
import { requireUser } from '@/lib/dal';
import { fieldErrorsOf, type FormState } from '@/lib/forms';

export type TokenFormState = FormState & { token?: string; tokenName?: string; tokenId?: string };

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after where it is used, e.g. “Shortcuts on my phone”')
    .max(80, 'Keep the name under 80 characters')
    .refine((s) => !s.includes('\u0000'), 'Remove the NUL character'),
});

/** Creates an API token; the plain token goes back once, to be shown once. */
export async function createApiTokenAction(_prev: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const user = await requireUser();
  const parsed = nameSchema.safeParse({ name: formData.get('name') ?? '' });
  if (!parsed.success) {
    return { fieldErrors: fieldErrorsOf(parsed.error), values: { name: String(formData.get('name') ?? '') } };
  }
  const created = await createApiToken(user.id, parsed.data.name);
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
