'use client';

import { CalendarClock, Check, Circle, EllipsisVertical } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useToast } from '@/app/_components/ui/toast';
import { type DueGroup, dueGroup, GROUP_TITLES } from '@/lib/follow-ups/due';
import type { FollowUpItem } from '@/lib/follow-ups/queries';
import { onOutboxChange } from '@/lib/offline/outbox';
import { waitingTicks, type TapStatus } from '@/lib/offline/taps';
import { FollowUpRow, ROW_ICONS, type RowIcon } from './follow-up-row';

/**
 * Follow-ups with one-tap complete, snooze, edit and delete, each with undo. `grouped` splits open ones into
 * Overdue / Today / The week ahead / Later / No date; `done` adds a "Recently done" section. Reusable on person and
 * event pages with a flat list.
 */
export function FollowUpList({
  items,
  done = [],
  today,
  locale,
  grouped = false,
  showEvent = true,
  showPerson = true,
  timeZone = 'UTC',
  headingLevel = 2,
  more = {},
  empty = null,
}: {
  items: FollowUpItem[];
  done?: FollowUpItem[];
  today: string;
  locale: string;
  grouped?: boolean;
  showEvent?: boolean;
  showPerson?: boolean;
  /** The user's time zone, for the day a follow-up was done. */
  timeZone?: string;
  /** Level of the group headings: 3 when the list sits under a page section's h2. */
  headingLevel?: 2 | 3;
  /** Groups that hold more than is shown: their total and where to see them all. */
  more?: Partial<Record<string, { total: number; href: string }>>;
  /**
   * Shown when nothing is listed. The list stays drawn (and with it its toast), so ticking the last one, which the page
   * read again then no longer lists, keeps its "Done" and Undo on screen rather than taking them away with the list.
   */
  empty?: ReactNode;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  // Each row's icons point at one copy of each, drawn once below: a list of a hundred rows would otherwise carry a
  // hundred copies of every icon's SVG in its HTML.
  const icons = `fi${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { show: notify, view: toast } = useToast();
  // Ticks made on this phone with no signal, still waiting to be sent: the rows show them as made.
  const [waiting, setWaiting] = useState<Map<string, TapStatus>>(() => new Map());
  const ids = [...items, ...done].map((i) => i.id).join(' ');
  useEffect(() => {
    let live = true;
    const look = () =>
      void waitingTicks(ids.split(' '))
        .then((found) => live && setWaiting(found))
        .catch(() => {});
    look();
    const stop = onOutboxChange(look);
    return () => {
      live = false;
      stop();
    };
  }, [ids]);
  const rowProps = { today, locale, timeZone, notify, showEvent, showPerson };

  const sections: { key: string; title: string; items: FollowUpItem[] }[] = grouped
    ? (Object.keys(GROUP_TITLES) as DueGroup[]).map((g) => ({
        key: g,
        title: GROUP_TITLES[g],
        items: items.filter((i) => dueGroup(i.due, today) === g),
      }))
    : [{ key: 'all', title: '', items }];
  if (done.length) sections.push({ key: 'done', title: 'Recently done', items: done });

  const drawn: Record<RowIcon, typeof Circle> = { circle: Circle, check: Check, due: CalendarClock, more: EllipsisVertical };
  return (
    <div className="space-y-6">
      <svg aria-hidden className="absolute size-0 overflow-hidden">
        {ROW_ICONS.map((name) => {
          const Icon = drawn[name];
          return (
            <symbol key={name} id={`${icons}-${name}`} viewBox="0 0 24 24">
              <Icon />
            </symbol>
          );
        })}
      </svg>
      {sections.every((s) => s.items.length === 0) ? empty : null}
      {sections
        .filter((s) => s.items.length > 0)
        .map((s) => (
          <section key={s.key} aria-labelledby={s.title ? `fu-group-${s.key}` : undefined}>
            {s.title ? (
              <Heading
                id={`fu-group-${s.key}`}
                className={`mb-2 flex items-baseline gap-2 text-sm font-semibold tracking-wide uppercase ${
                  s.key === 'overdue' ? 'text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'
                }`}
              >
                {s.title}
                <span className="font-normal normal-case">({more[s.key]?.total ?? s.items.length})</span>
              </Heading>
            ) : null}
            <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {s.items.map((item) => (
                <FollowUpRow key={item.id} item={item} waiting={waiting.get(item.id)} icons={icons} {...rowProps} />
              ))}
            </ul>
            {more[s.key] ? (
              <Link href={more[s.key]!.href} className="mt-2 inline-block text-sm font-medium text-accent-600 hover:underline dark:text-accent-200">
                Show all {more[s.key]!.total}
              </Link>
            ) : null}
          </section>
        ))}
      {toast}
    </div>
  );
}
