import type { CurrentUser } from '@/lib/auth/users';

/** Placeholder until issue 4 fills it in. */
export async function SectorsSection(_props: { user: CurrentUser }) {
  return null;
}
