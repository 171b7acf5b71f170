'use client';

import { CalendarDays, House, Lightbulb, ListChecks, NotebookPen, Plus, Settings, Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ButtonLink } from '@/app/_components/ui/button';
import { NAV_ITEMS } from './nav-items';

const ICONS = {
  home: House,
  events: CalendarDays,
  people: Users,
  followUps: ListChecks,
  memory: Lightbulb,
  posts: NotebookPen,
  settings: Settings,
  plus: Plus,
};
type IconName = keyof typeof ICONS;

/**
 * The shell's icons, drawn once per page: the side navigation, the tab bar and the header point at them with
 * <use>. Drawn in each place, every page carried each icon's SVG two or three times in its HTML, and the header's
 * in its RSC payload too.
 */
export function NavIcons() {
  return (
    <svg aria-hidden className="absolute size-0 overflow-hidden">
      {(Object.keys(ICONS) as IconName[]).map((name) => {
        const Icon = ICONS[name];
        return (
          <symbol key={name} id={`nav-i-${name}`} viewBox="0 0 24 24">
            <Icon />
          </symbol>
        );
      })}
    </svg>
  );
}

/** One of the shell's icons (NavIcons must be on the page). */
export function NavIcon({ name, className }: { name: IconName; className: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#nav-i-${name}`} />
    </svg>
  );
}

/**
 * "Log an event", in the side navigation and the phone's header. On the new-event form itself the header's is left
 * out (a tap there would only open the form again, over what is being typed); the side navigation's says it is the
 * current page.
 */
export function LogEventLink({ place, className }: { place: 'side' | 'header'; className: string }) {
  const here = usePathname() === '/events/new';
  if (here && place === 'header') return null;
  return (
    <ButtonLink href="/events/new" className={className} aria-current={here ? 'page' : undefined}>
      <NavIcon name="plus" className="size-4" />
      Log an event
    </ButtonLink>
  );
}

function isActive(pathname: string, href: string, also: readonly string[] = []) {
  if (href === '/') return pathname === '/';
  return [href, ...also].some((h) => pathname === h || pathname.startsWith(h + '/'));
}

function Badge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span
      className="ml-auto min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-semibold whitespace-nowrap text-white"
      aria-label={label}
    >
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
        const active = isActive(pathname, item.href, item.also);
        return (
          <Link key={item.href} href={item.href} aria-current={active ? 'page' : undefined} className="nav-side">
            <NavIcon name={item.icon} className="size-4.5 shrink-0" />
            {item.label}
            {item.href === '/follow-ups' ? <Badge count={dueCount} label={`${dueCount} due or overdue`} /> : null}
          </Link>
        );
      })}
    </nav>
  );
}

/** The tab bar at the bottom of a phone screen (Settings lives in the top bar there). */
/** The event form's pages: their save bar takes the tab bar's place on a phone. */
const CAPTURE = /^\/events\/(new|[^/]+\/edit)$/;

export function BottomNav({ dueCount }: { dueCount: number }) {
  const pathname = usePathname();
  // Covered by the save bar, its links would still take the keyboard's focus out of sight: left out there.
  if (CAPTURE.test(pathname)) return null;
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden dark:border-zinc-800 dark:bg-zinc-900/95"
    >
      <ul className="grid grid-cols-6">
        {NAV_ITEMS.filter((i) => i.href !== '/settings').map((item) => {
          const active = isActive(pathname, item.href, item.also);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={active ? 'page' : undefined} className="nav-tab">
                <NavIcon name={item.icon} className="size-5" />
                {item.short}
                {item.href === '/follow-ups' && dueCount > 0 ? (
                  <span
                    className="absolute top-1.5 left-1/2 ml-2 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold whitespace-nowrap text-white"
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
