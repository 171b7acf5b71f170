import Link from 'next/link';
import { OfflineSupport, OutboxLink } from '@/app/_components/offline/offline-support';
import { BottomNav, LogEventLink, NavIcon, NavIcons, SideNav } from '@/app/_components/shell/nav';
import { SignOutButton } from '@/app/_components/shell/sign-out-button';
import { getSessionId, requireUser } from '@/lib/dal';
import { countDueForSession } from '@/lib/follow-ups/counts';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The Follow-ups badge's count is read beside the session (by its id), not after it: one round trip, not two.
  const sessionId = await getSessionId();
  const [user, dueCount] = await Promise.all([requireUser(), sessionId ? countDueForSession(sessionId) : 0]);

  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr] print:block">
      <NavIcons />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh print:hidden flex-col border-r border-zinc-200 bg-white px-3 py-4 md:flex dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" className="mb-5 flex items-center gap-2 px-3 text-base font-semibold">
          <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-accent-600 text-sm text-white">
            R
          </span>
          Rapport
        </Link>
        <LogEventLink place="side" className="mb-4" />
        <SideNav dueCount={dueCount} />
        <OutboxLink userId={user.id} className="mt-2 px-3" />
        <div className="mt-auto border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <p className="truncate px-3 pb-2 text-xs text-zinc-500" title={user.email}>
            Signed in as {user.name}
          </p>
          <SignOutButton />
        </div>
      </aside>

      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 print:hidden items-center gap-2 border-b border-zinc-200 bg-white/95 px-3 backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-900/95">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold whitespace-nowrap">
            <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-accent-600 text-sm text-white">
              R
            </span>
            Rapport
          </Link>
          <div className="ml-auto flex items-center gap-1">
            <OutboxLink userId={user.id} />
            <LogEventLink place="header" className="px-3 whitespace-nowrap" />
            <Link
              href="/settings"
              className="grid size-11 place-items-center rounded-lg text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              <NavIcon name="settings" className="size-5" />
              <span className="sr-only">Settings</span>
            </Link>
          </div>
        </header>
        {/* On a phone, room at the end for the bottom navigation and a toast above it: the last row scrolls clear. */}
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 pt-5 pb-36 md:px-8 md:pt-8 md:pb-12">
          <OfflineSupport userId={user.id} />
          {children}
        </main>
      </div>
      <div className="print:hidden">
        <BottomNav dueCount={dueCount} />
      </div>
    </div>
  );
}
