'use client';

import { LogOut } from 'lucide-react';
import { signOutAction } from '@/app/(auth)/actions';
import { buttonClass } from '@/app/_components/ui/button';

/** Drafts kept on this device are private to the user: sign-out clears them before the session ends. */
export function clearDeviceDrafts() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('rapport:')) localStorage.removeItem(key);
  } catch {
    /* storage unavailable */
  }
}

export function SignOutButton({ compact = false }: { compact?: boolean }) {
  return (
    <form action={signOutAction} onSubmit={clearDeviceDrafts}>
      <button type="submit" className={buttonClass('ghost', compact ? 'px-3' : 'w-full justify-start')}>
        <LogOut aria-hidden className="size-4" />
        <span className={compact ? 'sr-only sm:not-sr-only' : ''}>Sign out</span>
      </button>
    </form>
  );
}
