import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/dal';
import { AuthCard } from '../auth-card';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/');
  return (
    <AuthCard mode="sign-up">
      <AuthForm mode="sign-up" />
    </AuthCard>
  );
}
