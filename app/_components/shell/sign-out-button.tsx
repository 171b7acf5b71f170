'use client';

import { LogOut } from 'lucide-react';
import { signOutAction } from '@/app/(auth)/actions';
import { buttonClass } from '@/app/_components/ui/button-class';

/**
 * Drafts kept on this device are private to the user: sign-out clears them before the session ends, and tells the
 * service worker to drop the copies of this user's pages it keeps for offline use. (Events waiting in the outbox
 * stay: they are the user's unsent evenings, hidden from anyone else, and go after the next sign-in.)
 */
function clearDeviceDrafts() {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('rapport:')) localStorage.removeItem(key);
  } catch {
    /* storage unavailable */
  }
  navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
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
