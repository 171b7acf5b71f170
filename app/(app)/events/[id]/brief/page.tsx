import { CalendarDays, Repeat } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { PrintButton } from '@/app/_components/brief/print-button';
import { FIRST_SHOWN, getBrief, LONG_WHILE_DAYS, RECENT_EVENINGS, type Brief, type BriefPerson } from '@/lib/brief/queries';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { formatDate, formatDay, formatTime } from '@/lib/dates';

const readBrief = cache((userId: string, eventId: string, all: boolean) => getBrief(userId, eventId, new Date(), all ? {} : { first: FIRST_SHOWN }));

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const all = (await searchParams).all === '1';
  const brief = await readBrief(user.id, id.data, all).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return { user, brief, all };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { brief } = await load(props);
  return { title: `Before you go: ${brief.event.title}` };
}

function basisText(b: Brief): string {
  const n = b.evenings.length;
  const evenings = `${n} earlier ${n === 1 ? 'evening' : 'evenings'}`;
  switch (b.basis) {
    case 'series':
      return `People you met or spoke with at ${evenings} of ${b.event.series}, most recent first.`;
    case 'host':
      return `Not part of a series: people you are expecting to see (added to this event), then people you met at ${evenings} hosted by ${b.event.host}.`;
    case 'added':
      return 'Not part of a series and no host given: people you are expecting to see (added to this event ahead of time).';
    default:
      return 'Not part of a series, no host, and nobody added yet. Add the people you expect to see (Edit), or give the event a series or host, and the brief fills in.';
  }
}

const card =
  'rounded-xl border border-zinc-200 bg-white p-4 shadow-xs break-inside-avoid dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-400 print:bg-white print:text-black print:shadow-none';
const muted = 'text-zinc-600 dark:text-zinc-400 print:text-black';

function Person({ p, locale, timeZone }: { p: BriefPerson; locale: string; timeZone: string }) {
  const about = [p.role, p.organisation].filter(Boolean).join(', ');
  return (
    <li className={card}>
      <h3 className="font-semibold">
        <Link href={`/people/${p.id}`} className="hover:underline">
          {p.displayName}
        </Link>
        {p.expected ? <span className={`ml-2 text-xs font-normal ${muted}`}>expecting to see</span> : null}
      </h3>
      {about ? <p className={`text-sm ${muted}`}>{about}</p> : null}
      <p className={`mt-1 text-sm ${muted}`}>
        {p.times > 0 ? (
          <>
            Met {p.times === 1 ? 'once' : `${p.times} times`}, last on {formatDate(p.lastSeenAt!, locale, timeZone)}
          </>
        ) : p.lastMetAnywhere ? (
          <>Last met {formatDate(p.lastMetAnywhere, locale, timeZone)}</>
        ) : (
          <>Not met yet</>
        )}
      </p>
      {p.followUps.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">Open follow-ups</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {p.followUps.map((f) => (
              <li key={f.id}>
                <Link href={`/follow-ups/${f.id}`} className="hover:underline">
                  {f.action}
                </Link>
                {f.dueOn ? <span className={muted}> (due {formatDay(f.dueOn, locale)})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.conversations.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">What you talked about</h4>
          <ul className="mt-1 space-y-2 text-sm">
            {p.conversations.map((c) => (
              <li key={c.eventId}>
                <p className={`text-xs ${muted}`}>
                  {c.eventTitle}, {formatDate(c.startsAt, locale, timeZone)}
                </p>
                {c.topics.length ? <p>Topics: {c.topics.join(', ')}</p> : null}
                {c.notes ? <p className="whitespace-pre-line">{c.notes}</p> : null}
                {!c.topics.length && !c.notes ? <p className={muted}>No notes.</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.facts.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">Facts they gave</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {p.facts.map((f) => (
              <li key={f.id}>
                {f.text} <span className={`text-xs ${muted}`}>({f.eventTitle})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

/** "Show all N" under a group cut short. */
function ShowAll({ eventId, total, shown }: { eventId: string; total: number; shown: number }) {
  if (total <= shown) return null;
  return (
    <p className="print:hidden">
      <Link
        href={`/events/${eventId}/brief?all=1`}
        className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 underline underline-offset-2 dark:text-accent-400"
      >
        Show all {total}
      </Link>
    </p>
  );
}

export default async function BriefPage(props: Props) {
  const { user, brief } = await load(props);
  const { event, totals } = brief;
  const seen = brief.people.filter((p) => !p.notSeenSince);
  const notSeen = brief.people.filter((p) => p.notSeenSince);
  return (
    <div className="mx-auto max-w-3xl space-y-5 print:max-w-none print:text-black">
      <header className="space-y-2">
        <p className={`text-sm font-medium ${muted}`}>Before you go{brief.upcoming ? ' · upcoming' : ''}</p>
        <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">
          <Link href={`/events/${event.id}`} className="hover:underline">
            {event.title}
          </Link>
        </h1>
        <ul className={`space-y-1 text-sm ${muted}`}>
          <li className="flex items-center gap-2">
            <CalendarDays aria-hidden className="size-4 shrink-0" /> {formatDate(event.startsAt, user.locale, user.timeZone)},{' '}
            {formatTime(event.startsAt, user.locale, user.timeZone)}
            {event.venue ? ` · ${event.venue}` : ''}
          </li>
          {event.series ? (
            <li className="flex items-center gap-2">
              <Repeat aria-hidden className="size-4 shrink-0" /> {event.series}
            </li>
          ) : null}
        </ul>
        <p className="text-sm">{basisText(brief)}</p>
        <div className="print:hidden">
          <PrintButton />
        </div>
      </header>

      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          Who you will see ({totals.seen})
        </h2>
        {seen.length ? (
          <ul className="space-y-3">
            {seen.map((p) => (
              <Person key={p.id} p={p} locale={user.locale} timeZone={user.timeZone} />
            ))}
          </ul>
        ) : (
          <p className={`text-sm ${muted}`}>Nobody yet.</p>
        )}
        <ShowAll eventId={event.id} total={totals.seen} shown={seen.length} />
      </section>

      {notSeen.length ? (
        <section aria-labelledby="not-seen-heading" className="space-y-3">
          <h2 id="not-seen-heading" className="text-lg font-semibold">
            Not seen since ({totals.notSeen})
          </h2>
          <p className={`text-sm ${muted}`}>
            Met at earlier evenings but not at the last {RECENT_EVENINGS}, or not met anywhere in {LONG_WHILE_DAYS} days.
          </p>
          <ul className="space-y-3">
            {notSeen.map((p) => (
              <Person key={p.id} p={p} locale={user.locale} timeZone={user.timeZone} />
            ))}
          </ul>
          <ShowAll eventId={event.id} total={totals.notSeen} shown={notSeen.length} />
        </section>
      ) : null}

      {brief.evenings.length ? (
        <section aria-labelledby="evenings-heading" className="break-inside-avoid">
          <h2 id="evenings-heading" className="text-lg font-semibold">
            Earlier evenings
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {brief.evenings.slice(0, 12).map((e) => (
              <li key={e.id}>
                <Link href={`/events/${e.id}`} className="hover:underline">
                  {e.title}
                </Link>{' '}
                <span className={muted}>{formatDate(e.startsAt, user.locale, user.timeZone)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
