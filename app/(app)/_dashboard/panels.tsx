import { CalendarClock, CalendarDays, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type { upcomingEvents } from '@/lib/brief/queries';
import type { latestEvents } from '@/lib/dashboard/queries';
import type { DueContact } from '@/lib/keep-in-touch/queries';
import { GetBackInTouch } from '@/app/_components/keep-in-touch/get-back-in-touch';
import { dueCountText } from '@/lib/keep-in-touch/queries';
import { formatDate } from '@/lib/dates';

type EventSummary = Awaited<ReturnType<typeof latestEvents>>[number];

const panel = 'rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900';
const rowLink = '-mx-2 flex min-h-11 items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-800';

/** The latest events, each a link, with how many people were there. */
export function LatestEvents({ events, timeZone, locale }: { events: EventSummary[]; timeZone: string; locale: string }) {
  return (
    <section aria-labelledby="latest-events" className={panel}>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="latest-events" className="text-base font-semibold">
          Latest events
        </h2>
        <Link href="/events" className="-my-3 inline-flex min-h-11 items-center text-sm text-accent-700 hover:underline dark:text-accent-200">
          All events
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="text-sm text-zinc-500">
          None yet.{' '}
          <Link href="/events/new" className="text-accent-700 underline dark:text-accent-200">
            Log an event
          </Link>
          .
        </p>
      ) : (
        <ul>
          {events.map((e) => (
            <li key={e.id}>
              <RowLink
                href={`/events/${e.id}`}
                icon={<CalendarDays aria-hidden className="size-5 shrink-0 text-zinc-400" />}
                title={e.title}
                detail={`${formatDate(e.startsAt, locale, timeZone, 'weekday')}${e.venue ? ` · ${e.venue}` : ''} · ${e.people} ${e.people === 1 ? 'person' : 'people'}`}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One line of a dashboard list: icon, title, a quieter detail line, and a chevron. */
function RowLink({ href, icon, title, detail }: { href: string; icon: React.ReactNode; title: string; detail: string }) {
  return (
    <Link href={href} className={rowLink}>
      {icon}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{title}</span>
        <span className="block text-sm text-zinc-600 dark:text-zinc-400">{detail}</span>
      </span>
      <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-400" />
    </Link>
  );
}

/** "Get back in touch": who is due a contact by the end of the week (it replaced "Not in touch for a while"). */
export function GetBackInTouchPanel({ items, total, today, locale }: { items: DueContact[]; total: number; today: string; locale: string }) {
  return (
    <section aria-labelledby="get-back-in-touch" className={panel}>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="get-back-in-touch" className="text-base font-semibold">
          Get back in touch
        </h2>
        <Link
          href="/follow-ups#get-back-in-touch"
          className="-my-3 inline-flex min-h-11 items-center text-sm text-accent-700 hover:underline dark:text-accent-200"
        >
          {total > items.length ? `All ${dueCountText(total)} due` : 'All due'}
        </Link>
      </div>
      <GetBackInTouch items={items} today={today} locale={locale} partial={total > items.length} />
      {total > items.length ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          The first {items.length} of {dueCountText(total)}.{' '}
          <Link href="/follow-ups#get-back-in-touch" className="text-accent-700 underline underline-offset-2 dark:text-accent-200">
            See them all
          </Link>
        </p>
      ) : null}
    </section>
  );
}

type UpcomingSummary = Awaited<ReturnType<typeof upcomingEvents>>[number];

/** The next few events created ahead of time, each linking to its "Before you go" brief. */
export function ComingUp({ events, timeZone, locale }: { events: UpcomingSummary[]; timeZone: string; locale: string }) {
  return (
    <section aria-labelledby="coming-up" className={panel}>
      <h2 id="coming-up" className="mb-2 text-base font-semibold">
        Coming up
      </h2>
      <ul>
        {events.map((e) => (
          <li key={e.id}>
            <RowLink
              href={`/events/${e.id}/brief`}
              icon={<CalendarClock aria-hidden className="size-5 shrink-0 text-accent-600" />}
              title={e.title}
              detail={`${formatDate(e.startsAt, locale, timeZone, 'weekday')}${e.venue ? ` · ${e.venue}` : ''} · Before you go`}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
