'use client';

import { CalendarDays, House, Lightbulb, ListChecks, NotebookPen, Settings, Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV_ITEMS } from './nav-items';

const ICONS = {
  home: House,
  events: CalendarDays,
  people: Users,
  followUps: ListChecks,
  memory: Lightbulb,
  posts: NotebookPen,
  settings: Settings,
};

function isActive(pathname: string, href: string, also: readonly string[] = []) {
  if (href === '/') return pathname === '/';
  return [href, ...also].some((h) => pathname === h || pathname.startsWith(h + '/'));
}

function Badge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className="ml-auto min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-semibold text-white" aria-label={label}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** The sidebar on wide screens. */
export function SideNav({ dueCount }: { dueCount: number }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-1">
      {NAV_ITEMS.map((item) => {
        const Icon = ICONS[item.icon];
        const active = isActive(pathname, item.href, item.also);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`flex min-h-10 items-center gap-3 rounded-lg px-3 text-sm font-medium ${
              active
                ? 'bg-accent-50 text-accent-700 dark:bg-accent-900/40 dark:text-accent-100'
                : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
            }`}
          >
            <Icon aria-hidden className="size-4.5 shrink-0" />
            {item.label}
            {item.href === '/follow-ups' ? <Badge count={dueCount} label={`${dueCount} due or overdue`} /> : null}
          </Link>
        );
      })}
    </nav>
  );
}

/** The tab bar at the bottom of a phone screen (Settings lives in the top bar there). */
export function BottomNav({ dueCount }: { dueCount: number }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-900/95"
    >
      <ul className="grid grid-cols-6">
        {NAV_ITEMS.filter((i) => i.href !== '/settings').map((item) => {
          const Icon = ICONS[item.icon];
          const active = isActive(pathname, item.href, item.also);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`relative flex min-h-14 flex-col items-center justify-center gap-0.5 text-[11px] font-medium ${
                  active ? 'text-accent-600 dark:text-accent-200' : 'text-zinc-600 dark:text-zinc-400'
                }`}
              >
                <Icon aria-hidden className="size-5" />
                {item.short}
                {item.href === '/follow-ups' && dueCount > 0 ? (
                  <span
                    className="absolute top-1.5 left-1/2 ml-2 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
                    aria-label={`${dueCount} due or overdue`}
                  >
                    {dueCount > 99 ? '99+' : dueCount}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
