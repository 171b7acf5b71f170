import { CalendarDays, CheckCircle2, Circle, ClipboardList, MapPin, Pencil, Repeat, UserRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { ButtonLink } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { AddFollowUp } from '@/app/_components/follow-ups/add-follow-up';
import { OffTheRecordButton } from '@/app/_components/facts/off-the-record-button';
import { WritePostButton } from '@/app/_components/posts/write-post-button';
import { isUpcoming } from '@/lib/brief/queries';
import { requireUser } from '@/lib/dal';
import { displayName } from '@/lib/people/display-name';
import { duplicatesAtEvent, type DuplicatePair } from '@/lib/people/duplicates';
import { PossiblePair } from '@/app/_components/people/possible-pair';
import { PairGroup } from '@/app/_components/pairs/pair-list';
import { pairKey } from '@/app/_components/pairs/pair-key';
import { readEventDetail, type EventDetail } from '@/lib/events/queries';
import { NotFoundError } from '@/lib/errors';
import { DeleteEvent } from '../_components/delete-event';
import { PeopleGroups } from '../_components/people-groups';
import { ForgetParams } from '@/app/_components/ui/forget-params';

const FLASH = ['saved', 'updated'];
import { formatDate, formatDay, formatTime, todayIn } from '@/lib/dates';

// Metadata and the page both need the event: one read per request.
const readEvent = cache((userId: string, eventId: string) => readEventDetail(userId, eventId));

async function load(params: Promise<{ id: string }>) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const event = await readEvent(user.id, id.data).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return { user, event };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { event } = await load(params);
  return { title: event.title };
}

function Section({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <Card>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

/** A fact, its off-the-record state shown and changed in one tap. */
function FactItem({ fact }: { fact: EventDetail['insights'][number] }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-3">
      <span className={`min-w-0 flex-1 basis-0 pt-2 ${fact.offTheRecord ? 'italic text-zinc-600 dark:text-zinc-400' : ''}`}>{fact.text}</span>
      <OffTheRecordButton id={fact.id} offTheRecord={fact.offTheRecord} label={fact.text.slice(0, 80)} />
    </li>
  );
}

function Speakers({ event }: { event: EventDetail }) {
  const speakers = event.people.filter((p) => p.relation === 'spoke' || event.insights.some((i) => i.personId === p.id));
  const uncredited = event.insights.filter((i) => !i.personId || !event.people.some((p) => p.id === i.personId));
  if (!speakers.length && !event.insights.length) return <p className="text-sm text-zinc-500">No facts recorded.</p>;
  return (
    <div className="space-y-4">
      {speakers.map((p) => {
        const facts = event.insights.filter((i) => i.personId === p.id);
        return (
          <div key={p.id}>
            <p className="font-medium">
              <Link href={`/people/${p.id}`} className="hover:underline">
                {displayName({ name: p.name, role: p.role, organisationName: p.organisation?.name })}
              </Link>
              {p.relation === 'spoke' ? <span className="ml-2 text-xs font-normal text-zinc-500">spoke</span> : null}
            </p>
            {facts.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {facts.map((f) => (
                  <FactItem key={f.id} fact={f} />
                ))}
              </ul>
            ) : (
              <p className="text-sm text-zinc-500">No facts credited.</p>
            )}
          </div>
        );
      })}
      {uncredited.length ? (
        <div>
          <p className="font-medium">Also heard</p>
          <ul className="mt-1 space-y-1 text-sm">
            {uncredited.map((f) => (
              <FactItem key={f.id} fact={f} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Someone first met here who looks like someone already in the address book (an evening logged with no signal could
 * not ask "Already in your contacts?"): each pair, with the ways to compare and merge them or keep them apart.
 */
function Twins({ pairs, atEvent, eventId }: { pairs: DuplicatePair[]; atEvent: Set<string>; eventId: string }) {
  return (
    <PairGroup pairs={pairs.map((d) => pairKey(d.a.id, d.b.id))}>
      <Section title="Already in your contacts?">
        <ul className="space-y-2 text-sm">
          {pairs.map((d) => {
            // The one met here first: of a pair both at the event, the one to keep by default is the other.
            const [here, other] = atEvent.has(d.b.id) ? [d.b, d.a] : [d.a, d.b];
            return (
              <PossiblePair key={`${d.a.id}:${d.b.id}`} pair={d} other={other} from={`/events/${eventId}`}>
                <Link href={`/people/${here.id}`} className="font-medium hover:underline">
                  {here.displayName}
                </Link>{' '}
                may be{' '}
              </PossiblePair>
            );
          })}
        </ul>
      </Section>
    </PairGroup>
  );
}

export default async function EventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, event } = await load(params);
  const [flash, twins] = await Promise.all([searchParams, duplicatesAtEvent(user.id, event.id)]);
  const today = todayIn(user.timeZone);
  // Created ahead of time: it has not happened yet, so no post or reflection is asked for, and a brief is offered.
  const upcoming = isUpcoming(event.startsAt);
  const names = new Map(event.people.map((p) => [p.id, displayName({ name: p.name, role: p.role, organisationName: p.organisation?.name })]));
  const when = `${formatDate(event.startsAt, user.locale, user.timeZone)}, ${formatTime(event.startsAt, user.locale, user.timeZone)}${
    event.endsAt ? `–${formatTime(event.endsAt, user.locale, user.timeZone)}` : ''
  }`;

  return (
    <div className="mx-auto max-w-4xl space-y-4">
      {flash.saved || flash.updated ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200">
          {flash.saved ? 'Event saved.' : 'Changes saved.'}
          {/* Said once: a reload, or the refresh after a later change on this page, does not say it again. */}
          <ForgetParams names={FLASH} />
        </p>
      ) : null}
      <header className="space-y-2">
        {upcoming ? (
          <p className="inline-flex rounded-full bg-accent-50 px-3 py-0.5 text-sm font-medium text-accent-700 dark:bg-accent-900/40 dark:text-accent-100">
            Upcoming
          </p>
        ) : null}
        <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{event.title}</h1>
        <ul className="space-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <li className="flex items-center gap-2">
            <CalendarDays aria-hidden className="size-4 shrink-0" /> {when}
          </li>
          {event.venue ? (
            <li className="flex items-center gap-2">
              <MapPin aria-hidden className="size-4 shrink-0" /> {event.venue}
            </li>
          ) : null}
          {event.host ? (
            <li className="flex items-center gap-2">
              <UserRound aria-hidden className="size-4 shrink-0" /> Hosted by {event.host}
            </li>
          ) : null}
          {event.series ? (
            <li className="flex items-center gap-2">
              <Repeat aria-hidden className="size-4 shrink-0" />
              <Link href={`/events?series=${encodeURIComponent(event.series)}`} className="hover:underline">
                {event.series}
              </Link>
            </li>
          ) : null}
        </ul>
        {event.topics.length ? (
          <ul aria-label="Topics" className="flex flex-wrap gap-1.5 pt-1">
            {event.topics.map((t) => (
              <li key={t}>
                <Link
                  href={`/events?topic=${encodeURIComponent(t)}`}
                  className="inline-flex min-h-8 items-center rounded-full bg-accent-50 px-3 text-sm text-accent-700 hover:bg-accent-100 dark:bg-accent-900/40 dark:text-accent-100"
                >
                  {t}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-2">
          {/* What the evening needs next leads: the brief before it, the post after it. */}
          {upcoming ? (
            <ButtonLink href={`/events/${event.id}/brief`}>
              <ClipboardList aria-hidden className="size-4" /> Before you go
            </ButtonLink>
          ) : (
            // Its panel opens below the button; on a phone it takes the full width of its own row.
            <WritePostButton eventId={event.id} />
          )}
          <ButtonLink href={`/events/${event.id}/edit`} variant="secondary">
            <Pencil aria-hidden className="size-4" /> Edit
          </ButtonLink>
          <DeleteEvent eventId={event.id} title={event.title} />
        </div>
      </header>

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <Section title={upcoming ? `Expecting to see (${event.people.length})` : `People (${event.people.length})`}>
            {event.people.length ? (
              <PeopleGroups people={event.people} />
            ) : (
              <p className="text-sm text-zinc-500">{upcoming ? 'Nobody added yet: add people you expect to see from Edit.' : 'Nobody recorded.'}</p>
            )}
          </Section>
          {twins.length ? <Twins pairs={twins} atEvent={new Set(event.people.map((p) => p.id))} eventId={event.id} /> : null}
          {upcoming && !event.insights.length ? null : (
            <Section
              title={
                event.people.some((p) => p.relation === 'spoke' || event.insights.some((i) => i.personId === p.id)) ? 'Speakers and facts heard' : 'Facts heard'
              }
            >
              <Speakers event={event} />
              {event.insights.length ? (
                <p className="mt-3 text-sm">
                  <Link href={`/facts?event=${event.id}`} className="text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
                    All facts from this event
                  </Link>
                </p>
              ) : null}
            </Section>
          )}
          {upcoming && event.summary && !event.reflection ? (
            <Section title="About this event">
              <p className="text-sm whitespace-pre-line">{event.summary}</p>
              <p className="mt-3 text-sm text-zinc-500">It is upcoming: write your reflection after the evening.</p>
            </Section>
          ) : event.summary || event.reflection ? (
            <Section title="Summary and reflection">
              {event.summary ? <p className="text-sm whitespace-pre-line">{event.summary}</p> : null}
              {event.reflection ? (
                <blockquote className="mt-3 border-l-2 border-accent-500 pl-3 text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">
                  {event.reflection}
                </blockquote>
              ) : null}
            </Section>
          ) : null}
        </div>
        <div className="space-y-4">
          <Section title="Follow-ups">
            {event.followUps.length ? (
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {event.followUps.map((f) => {
                  const overdue = f.status === 'open' && f.dueOn && f.dueOn < today;
                  return (
                    <li key={f.id} className="flex gap-2 py-2 text-sm">
                      {f.status === 'done' ? (
                        <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />
                      ) : (
                        <Circle aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
                      )}
                      <div className="min-w-0">
                        <p className={f.status === 'done' ? 'text-zinc-500 line-through' : ''}>{f.action}</p>
                        <p className="text-xs text-zinc-500">
                          <span className="sr-only">{f.status === 'done' ? 'Done. ' : 'Open. '}</span>
                          {f.personId && names.has(f.personId) ? (
                            <>
                              With{' '}
                              <Link href={`/people/${f.personId}`} className="underline">
                                {names.get(f.personId)}
                              </Link>
                              {f.dueOn ? ' · ' : ''}
                            </>
                          ) : null}
                          {f.dueOn ? (
                            <span className={overdue ? 'font-medium text-red-600' : ''}>
                              {overdue ? 'Overdue: ' : 'Due '}
                              {formatDay(f.dueOn, user.locale)}
                            </span>
                          ) : null}
                          {f.status === 'done' ? ' · Done' : ''}
                        </p>
                      </div>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="text-sm text-zinc-500">Nothing promised yet.</p>
            )}
            <div className="mt-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">
              <AddFollowUp eventId={event.id} today={today} people={event.people.map((p) => ({ id: p.id, label: names.get(p.id)! }))} />
            </div>
          </Section>
        </div>
      </div>
    </div>
  );
}
