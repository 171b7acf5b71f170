import { CalendarDays, ListChecks, Plus, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { isUpcoming } from '@/lib/brief/queries';
import { requireUser } from '@/lib/dal';
import { listEventFacets, listEvents } from '@/lib/events/list';
import { suggestSectors } from '@/lib/events/lookup';
import { eventListQuerySchema } from '@/lib/events/validation';
import { restoreEventAction } from './actions';
import { EventFilters } from './_components/event-filters';
import { formatDate, formatTime } from '@/lib/dates';

export const metadata: Metadata = { title: 'Events' };

type Search = Record<string, string | string[] | undefined>;

type EventItem = Awaited<ReturnType<typeof listEvents>>['items'][number];

function EventList({ items, locale, timeZone }: { items: EventItem[]; locale: string; timeZone: string }) {
  const user = { locale, timeZone };
  return (
    <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {items.map((e) => (
        <li key={e.id}>
          <Link href={`/events/${e.id}`} className="block px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
            {/* The day always under the title: beside it when it fitted, under it when not, the list read unevenly. */}
            <div>
              <p className="font-medium wrap-anywhere">{e.title}</p>
              {/* With its time: three events on one day are told apart by it. */}
              <p className="text-xs text-zinc-500">
                {formatDate(e.startsAt, user.locale, user.timeZone)}, {formatTime(e.startsAt, user.locale, user.timeZone)}
              </p>
            </div>
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{[e.series, e.venue].filter(Boolean).join(' · ')}</p>
            <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500">
              <span className="inline-flex items-center gap-1">
                <Users aria-hidden className="size-3.5" /> {e.peopleCount} {e.peopleCount === 1 ? 'person' : 'people'}
              </span>
              {/* Only when there are some: "0 open follow-ups" on every card was noise. */}
              {e.openFollowUps ? (
                <span className="inline-flex items-center gap-1 text-accent-700 dark:text-accent-200">
                  <ListChecks aria-hidden className="size-3.5" /> {e.openFollowUps} open follow-up{e.openFollowUps === 1 ? '' : 's'}
                </span>
              ) : null}
              {e.topics.length ? <span>{e.topics.slice(0, 4).join(', ')}</span> : null}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default async function EventsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const parsed = eventListQuerySchema.safeParse({
    q: one('q'),
    series: one('series'),
    topic: one('topic'),
    sector: one('sector'),
    year: one('year'),
    cursor: one('cursor'),
  });
  const query = parsed.success ? parsed.data : eventListQuerySchema.parse({});
  const deleted = z.uuid().safeParse(one('deleted'));
  const [page, facets, sectors] = await Promise.all([
    listEvents(user.id, query, user.timeZone),
    listEventFacets(user.id, user.timeZone),
    suggestSectors(user.id, '', 100),
  ]);
  // Events created ahead of time (newest first, so on the first page) read as "Coming up", soonest first.
  const upcoming = page.items.filter((e) => isUpcoming(new Date(e.startsAt))).reverse();
  const past = page.items.filter((e) => !isUpcoming(new Date(e.startsAt)));
  const filtered = !!(query.q || query.series || query.topic || query.sector || query.year);
  const nextHref = (cursor: string) => {
    const params = new URLSearchParams();
    for (const k of ['q', 'series', 'topic', 'sector', 'year'] as const) if (query[k]) params.set(k, String(query[k]));
    params.set('cursor', cursor);
    return `/events?${params}`;
  };

  return (
    <>
      <PageHeader
        title="Events"
        description="Every evening you have logged, newest first."
        actions={
          <ButtonLink href="/events/new">
            <Plus aria-hidden className="size-4" /> Log an event
          </ButtonLink>
        }
      />
      {deleted.success ? (
        <form
          action={restoreEventAction}
          role="status"
          className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-zinc-900 px-4 py-2 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
        >
          <input type="hidden" name="eventId" value={deleted.data} />
          <span>Event deleted.</span>
          <SubmitButton variant="ghost" className="text-white hover:bg-white/10 dark:text-zinc-900 dark:hover:bg-zinc-200" pendingText="Restoring…">
            Undo
          </SubmitButton>
        </form>
      ) : null}
      <EventFilters query={query} series={facets.series} years={facets.years} sectors={sectors} />
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No events match"
            action={
              <ButtonLink href="/events" variant="secondary">
                Clear filters
              </ButtonLink>
            }
          >
            Try fewer words, or another series, topic, sector or year.
          </EmptyState>
        ) : (
          <EmptyState icon={<CalendarDays className="size-10" />} title="No events yet" action={<ButtonLink href="/events/new">Log an event</ButtonLink>}>
            Log the last event you went to: the people you met, the topics, the facts you heard and what you promised.
          </EmptyState>
        )
      ) : (
        <div className="space-y-4">
          {upcoming.length ? (
            <section aria-labelledby="coming-up" className="space-y-2">
              <h2 id="coming-up" className="text-base font-semibold">
                Coming up
              </h2>
              <EventList items={upcoming} locale={user.locale} timeZone={user.timeZone} />
            </section>
          ) : null}
          {past.length ? (
            <section aria-labelledby="past-events" className="space-y-2">
              {upcoming.length ? (
                <h2 id="past-events" className="text-base font-semibold">
                  Past events
                </h2>
              ) : null}
              <EventList items={past} locale={user.locale} timeZone={user.timeZone} />
            </section>
          ) : null}
        </div>
      )}
      {page.nextCursor ? (
        <div className="mt-4 text-center">
          <ButtonLink href={nextHref(page.nextCursor)} variant="secondary">
            Older events
          </ButtonLink>
        </div>
      ) : null}
    </>
  );
}
