import { CalendarDays, Repeat } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { BriefPerson, type BriefCard } from '@/app/_components/brief/brief-person';
import { PrintButton } from '@/app/_components/brief/print-button';
import { FIRST_SHOWN, getBrief, LONG_WHILE_DAYS, RECENT_EVENINGS, type Brief, type BriefPerson as BriefPersonData } from '@/lib/brief/queries';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { dayIn, formatDate, formatDay, formatTime } from '@/lib/dates';
import { describeContact, KIND_LABELS } from '@/lib/interactions/kinds';

const readBrief = cache((userId: string, eventId: string, all: boolean) => getBrief(userId, eventId, new Date(), all ? {} : { first: FIRST_SHOWN }));

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const query = await searchParams;
  const all = query.all === '1';
  const printNow = all && query.print === '1';
  const brief = await readBrief(user.id, id.data, all).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return { user, brief, all, printNow };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { brief } = await load(props);
  return { title: `Before you go: ${brief.event.title}` };
}

function basisText(b: Brief, over: boolean): string {
  const n = b.eveningCount;
  const evenings = `${n} earlier ${n === 1 ? 'evening' : 'evenings'}`;
  // Opened after the evening: those added to it were to be seen, not still expected.
  const expecting = over ? 'people you expected to see' : 'people you are expecting to see';
  switch (b.basis) {
    case 'series': {
      // Those added to this evening come first, listed with the series' regulars.
      const first = b.people.some((p) => p.expected) ? `${over ? 'People at this evening' : 'People you have added to this evening'}, then people` : 'People';
      return n === 0
        ? `${first} you met or spoke with at earlier evenings of ${b.event.series}: you have logged none before this one.`
        : `${first} you met or spoke with at ${evenings} of ${b.event.series}, most recent first.`;
    }
    case 'host':
      return n === 0
        ? `Not part of a series: ${expecting} (added to this event). You have logged no earlier evening hosted by ${b.event.host}.`
        : `Not part of a series: ${expecting} (added to this event), then people you met at ${evenings} hosted by ${b.event.host}.`;
    case 'added':
      return `Not part of a series and no host given: ${expecting} (added to this event ahead of time).`;
    default:
      return 'Not part of a series, no host, and nobody added yet. Add the people you expect to see (Edit), or give the event a series or host, and the brief fills in.';
  }
}

/** Hours after its start an evening is taken to be over: opened at the door, or late, the brief is still for it. */
const EVENING_HOURS = 6;
const passed = (startsAt: Date) => Date.now() - startsAt.getTime() > EVENING_HOURS * 3_600_000;

/** Quieter text, black when printed (app/globals.css). */
const muted = 'brief-muted';

/**
 * How the user knows them, each count saying what it counts: "Met twice at CIO Club, last on Fri 15 May 2026", then
 * a later meeting elsewhere and a later logged contact when there are ones ("last met Thu 6 Aug 2026 · last in
 * touch: coffee, Thu 3 Dec 2026"), so the freshest contact is never hidden behind the series' count.
 */
function metLine(p: BriefPersonData, b: Brief, locale: string, timeZone: string): string {
  const day = (d: Date) => dayIn(timeZone, d);
  // The evening itself, once it is over, is not news about them ("last met" the day of the brief's own evening): the
  // card says they were at it.
  const itself = passed(b.event.startsAt) ? day(b.event.startsAt) : '';
  const where = b.basis === 'series' && b.event.series ? ` at ${b.event.series}` : b.basis === 'host' && b.event.host ? ` at ${b.event.host}’s evenings` : '';
  const parts: string[] = [];
  let latest = '';
  if (p.times > 0 && p.lastSeenAt) {
    parts.push(`Met ${p.times === 1 ? 'once' : p.times === 2 ? 'twice' : `${p.times} times`}${where}, last on ${formatDate(p.lastSeenAt, locale, timeZone)}`);
    latest = day(p.lastSeenAt);
  }
  if (p.lastMetAnywhere && day(p.lastMetAnywhere) > latest && day(p.lastMetAnywhere) !== itself) {
    parts.push(`${parts.length ? 'last met' : 'Last met'} ${formatDate(p.lastMetAnywhere, locale, timeZone)}`);
    latest = day(p.lastMetAnywhere);
  }
  const contact = p.interactions[0];
  if (contact && contact.occurredOn > latest) {
    const kind = contact.kind === 'other' ? 'a contact' : KIND_LABELS[contact.kind].toLowerCase();
    parts.push(`${parts.length ? 'last in touch' : 'Last in touch'}: ${kind}, ${formatDay(contact.occurredOn, locale)}`);
  }
  if (parts.length) return parts.join(' · ');
  // Only the latest meeting is known here: met at this evening, and perhaps somewhere before it.
  return p.lastMetAnywhere && day(p.lastMetAnywhere) === itself ? 'Met at this evening' : 'Not met yet';
}

/** A person's card in words: dates in the user's zone and locale, so the card itself only lays them out. */
function toCard(p: BriefPersonData, b: Brief, locale: string, timeZone: string): BriefCard {
  return {
    id: p.id,
    name: p.displayName,
    about: p.about ?? '',
    met: metLine(p, b, locale, timeZone),
    // A tag after the name ("Rosa Patel · expected"), not words that read as hers ("Rosa Patel expecting to see").
    expected: p.expected ? (passed(b.event.startsAt) ? 'was there' : 'expected') : null,
    followUps: p.followUps.map((f) => ({ id: f.id, action: f.action, due: f.dueOn ? formatDay(f.dueOn, locale) : null })),
    conversations: p.conversations.map((c) => ({
      key: c.eventId,
      heading: `${c.eventTitle}, ${formatDate(c.startsAt, locale, timeZone)}`,
      topics: c.topics.join(', '),
      notes: c.notes,
    })),
    facts: p.facts.map((f) => ({ id: f.id, text: f.text, eventTitle: f.eventTitle })),
    // A logged contact's day is already a day in the user's time zone: only the locale applies to it.
    interactions: p.interactions.map((i) => {
      const { label, note } = describeContact(i);
      return { id: i.id, heading: `${label} · ${formatDay(i.occurredOn, locale)}`, note };
    }),
  };
}

/** "Show all N" under a group cut short. */
function ShowAll({ eventId, total, shown }: { eventId: string; total: number; shown: number }) {
  if (total <= shown) return null;
  return (
    <>
      <p className="hidden text-sm print:block">
        {shown} of {total} shown. To print everyone, use Print everyone.
      </p>
      <p className="print:hidden">
        <Link
          href={`/events/${eventId}/brief?all=1`}
          className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 underline underline-offset-2 dark:text-accent-400"
        >
          Show all {total}
        </Link>
      </p>
    </>
  );
}

export default async function BriefPage(props: Props) {
  const { user, brief, printNow } = await load(props);
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
        {!passed(event.startsAt) ? null : (
          // Opened by its address after the evening: it does not read as if the evening were still to come.
          <p role="note" className="rounded-lg bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-900">
            This evening has passed. A brief is for before you go; what happened there is on{' '}
            <Link href={`/events/${event.id}`} className="font-medium underline">
              the evening’s page
            </Link>
            .
          </p>
        )}
        <p className="text-sm">{basisText(brief, passed(event.startsAt))}</p>
        <div className="print:hidden">
          <PrintButton
            printNow={printNow}
            everyoneHref={seen.length < totals.seen || notSeen.length < totals.notSeen ? `/events/${event.id}/brief?all=1&print=1` : undefined}
          />
        </div>
      </header>

      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          {/* "May": the series' regulars are likely, not promised (the event's page lists whom you expect). */}
          {passed(event.startsAt) ? 'Who you might have seen' : 'Who you may see'} ({totals.seen})
        </h2>
        {seen.length ? (
          <ul className="space-y-3">
            {seen.map((p) => (
              <BriefPerson key={p.id} p={toCard(p, brief, user.locale, user.timeZone)} />
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
              <BriefPerson key={p.id} p={toCard(p, brief, user.locale, user.timeZone)} />
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
