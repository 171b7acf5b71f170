import type { ReactNode } from 'react';
import { Card } from '@/app/_components/ui/card';

/**
 * The card around the sign-in or sign-up form: its heading, and the link to the other one. A plain <a>, not
 * next/link: Link put its client code (~3.5 KiB gzip) into these pages' first-load JavaScript, for a link followed
 * once.
 */
export function AuthCard({ mode, children }: { mode: 'sign-in' | 'sign-up'; children: ReactNode }) {
  const isSignUp = mode === 'sign-up';
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">{isSignUp ? 'Create your account' : 'Sign in'}</h1>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">
        {isSignUp ? 'Keep track of the people you meet and what you promised them.' : 'Welcome back.'}
      </p>
      {children}
      <p className="mt-5 text-center text-sm text-zinc-600 dark:text-zinc-400">
        {isSignUp ? (
          <>
            Already have an account?{' '}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain anchor keeps next/link's 3.5 KiB out of the sign-in forms' JavaScript */}
            <a className="font-medium text-accent-600 underline-offset-2 hover:underline" href="/sign-in">
              Sign in
            </a>
          </>
        ) : (
          <>
            New to Rapport?{' '}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain anchor keeps next/link's 3.5 KiB out of the sign-in forms' JavaScript */}
            <a className="font-medium text-accent-600 underline-offset-2 hover:underline" href="/sign-up">
              Create an account
            </a>
          </>
        )}
      </p>
    </Card>
  );
}
