import type { CurrentUser } from '@/lib/auth/users';

/** Placeholder until issue 5 fills it in. */
export async function CalendarSection(_props: { user: CurrentUser }) {
  return null;
}
