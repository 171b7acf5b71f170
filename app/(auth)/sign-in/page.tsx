import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/dal';
import { safeRedirectPath } from '@/lib/forms';
import { AuthCard } from '../auth-card';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  return (
    <AuthCard mode="sign-in">
      <AuthForm mode="sign-in" callbackUrl={target} />
    </AuthCard>
  );
}
