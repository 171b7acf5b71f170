import type { CurrentUser } from '@/lib/auth/users';

/** Placeholder until issue 3 fills it in. */
export async function ApiTokensSection(_props: { user: CurrentUser }) {
  return null;
}
