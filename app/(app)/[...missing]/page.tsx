import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal';

/**
 * Any address the app has no page for, inside the app shell: the navigation stays, so a mistyped or stale link is one
 * tap from anywhere. Signed out, requireUser sends the visitor to sign in first (as the proxy already does).
 */
export default async function Missing(): Promise<never> {
  await requireUser();
  notFound();
}
