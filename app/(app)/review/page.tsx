import { ChevronLeft, ChevronRight, Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { CopyMarkdown } from '@/app/_components/review/copy-markdown';
import { buttonClass } from '@/app/_components/ui/button-class';
import { PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { describeContact } from '@/lib/interactions/kinds';
import { DUE_COUNT_CAP } from '@/lib/keep-in-touch/queries';
import { REVIEW_LIST_MAX, reviewForWeek } from '@/lib/review/queries';
import { reviewQuerySchema } from '@/lib/review/week';
import { formatDate, formatDay, formatDayRange, formatTime, isoWeekName, mondayOf, todayIn } from '@/lib/dates';

export const metadata: Metadata = { title: 'Weekly review' };

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs break-inside-avoid sm:p-5 dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-400 print:bg-white print:text-black print:shadow-none"
    >
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title} ({count})
      </h2>
      {children}
    </section>
  );
}

const muted = 'text-sm text-zinc-500 print:text-black';

/** Of each list, shown at first ("Show all" lists up to the export's maximum): a busy week meets hundreds of people. */
const FIRST = 25;

function ShowAll({ href, total, shown }: { href: string; total: number; shown: number }) {
  if (total <= shown) return null;
  // Past the most any view lists, say so rather than offer "all".
  if (shown >= REVIEW_LIST_MAX)
    return (
      <p className={`mt-2 ${muted}`}>
        The first {shown} of {total}.
      </p>
    );
  return (
    <p className="mt-2 text-sm print:hidden">
      <Link href={href} className="inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-200">
        {total > REVIEW_LIST_MAX ? `Show the first ${REVIEW_LIST_MAX} of ${total}` : `Show all ${total}`}
      </Link>
    </p>
  );
}

/** "Monday 1 June 2026"; a bare YYYY-MM-DD is that calendar day. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const raw = await searchParams;
  // A malformed week in a hand-edited address shows last week rather than an error page.
  const parsed = reviewQuerySchema.safeParse({ week: typeof raw.week === 'string' ? raw.week : undefined });
  const all = raw.all === '1';
  const today = todayIn(user.timeZone);
  const r = await reviewForWeek(user, parsed.success ? parsed.data.week : undefined, today, all ? {} : { first: FIRST });
  const day = (d: string) => formatDay(d, user.locale);
  const allHref = `/review?week=${r.week}&all=1`;
  const thisWeek = isoWeekName(mondayOf(today));

  return (
    <div className="mx-auto max-w-3xl space-y-4 print:max-w-none">
      <PageHeader
        title={`Weekly review: ${formatDayRange(r.from, r.to, user.locale)}`}
        description={`Monday to Sunday, week ${Number(r.week.slice(6))}`}
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            {/* A plain link: the route answers a file download, not a page. */}
            <a href={`/api/v1/review/markdown?week=${r.week}`} download className={buttonClass('secondary')}>
              <Download aria-hidden className="size-4" /> Markdown
            </a>
            <CopyMarkdown week={r.week} />
          </div>
        }
      />
      <nav aria-label="Weeks" className="flex justify-between gap-2 print:hidden">
        <Link
          href={`/review?week=${r.previousWeek}`}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-accent-700 hover:underline dark:text-accent-200"
        >
          <ChevronLeft aria-hidden className="size-4" /> Previous week
        </Link>
        <Link
          href={`/review?week=${r.nextWeek}`}
          className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-accent-700 hover:underline dark:text-accent-200"
        >
          {r.nextWeek === thisWeek ? 'This week so far' : 'Next week'} <ChevronRight aria-hidden className="size-4" />
        </Link>
      </nav>

      <Section id="review-events" title="Events" count={r.totals.events}>
        {r.events.length ? (
          <>
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {r.events.map((e) => (
                <li key={e.id} className="py-2">
                  <Link href={`/events/${e.id}`} className="font-medium hover:underline">
                    {e.title}
                  </Link>
                  <p className={muted}>
                    {formatDate(e.startsAt, user.locale, user.timeZone)}, {formatTime(e.startsAt, user.locale, user.timeZone)}
                    {e.venue ? ` · ${e.venue}` : ''} · {e.people} met
                  </p>
                </li>
              ))}
            </ul>
            <ShowAll href={allHref} total={r.totals.events} shown={r.events.length} />
          </>
        ) : (
          <p className={muted}>No events this week.</p>
        )}
      </Section>

      <Section id="review-people" title="People met" count={r.totals.people}>
        {r.people.length ? (
          <>
            <ul className="space-y-1 text-sm">
              {r.people.map((p) => (
                <li key={p.id}>
                  <Link href={`/people/${p.id}`} className="font-medium hover:underline">
                    {p.displayName}
                  </Link>{' '}
                  <span className="text-zinc-500 print:text-black">at {p.events.join(', ')}</span>
                </li>
              ))}
            </ul>
            <ShowAll href={allHref} total={r.totals.people} shown={r.people.length} />
          </>
        ) : (
          <p className={muted}>Nobody met this week.</p>
        )}
      </Section>

      <Section id="review-contacts" title="Contacts logged" count={r.totals.contacts}>
        {r.contacts.length ? (
          <>
            <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {r.contacts.map((c) => {
                const { label, note } = describeContact(c);
                return (
                  <li key={c.id} className="py-2">
                    <Link href={`/people/${c.person.id}`} className="font-medium hover:underline">
                      {c.person.displayName}
                    </Link>
                    <span className="text-zinc-500 print:text-black">
                      {' '}
                      · {label} · {day(c.occurredOn)}
                    </span>
                    {note ? <p className={`${muted} break-words`}>{note}</p> : null}
                  </li>
                );
              })}
            </ul>
            <ShowAll href={allHref} total={r.totals.contacts} shown={r.contacts.length} />
          </>
        ) : (
          <p className={muted}>No calls, coffees or messages logged this week. You can log one from a person’s page.</p>
        )}
      </Section>

      <Section id="review-slipped" title="Follow-ups that slipped" count={r.totals.slipped}>
        {r.slipped.length ? (
          <>
            <ul className="space-y-1 text-sm">
              {r.slipped.map((f) => (
                <li key={f.id}>
                  <Link href={`/follow-ups/${f.id}`} className="hover:underline">
                    {f.action}
                  </Link>
                  <span className="text-zinc-500 print:text-black">
                    {f.person ? ` · ${f.person}` : ''} · due {day(f.dueOn)}
                  </span>
                </li>
              ))}
            </ul>
            <ShowAll href={allHref} total={r.totals.slipped} shown={r.slipped.length} />
          </>
        ) : (
          <p className={muted}>
            {r.totals.slipped || r.olderOverdue ? 'Nothing due this week slipped.' : 'Nothing slipped: everything due before today is done.'}
          </p>
        )}
        {/* Not this week's to have slipped, but not done either: the review does not say all is well while they wait. */}
        {r.olderOverdue ? (
          <p className="mt-2 text-sm">
            <Link href="/follow-ups" className="text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
              {r.olderOverdue === 1 ? 'One follow-up due before this week is' : `${r.olderOverdue} follow-ups due before this week are`} still open
            </Link>
          </p>
        ) : null}
      </Section>

      <Section id="review-done" title="Follow-ups done" count={r.totals.done}>
        {r.done.length ? (
          <>
            <ul className="space-y-1 text-sm">
              {r.done.map((f) => (
                <li key={f.id}>
                  {f.action}
                  {f.person ? <span className="text-zinc-500 print:text-black"> · {f.person}</span> : null}
                </li>
              ))}
            </ul>
            <ShowAll href={allHref} total={r.totals.done} shown={r.done.length} />
          </>
        ) : (
          <p className={muted}>None done this week.</p>
        )}
      </Section>

      <Section id="review-due" title="Due a contact" count={r.totals.dueContacts}>
        {r.dueContacts.length ? (
          <>
            <ul className="space-y-1 text-sm">
              {r.dueContacts.map((c) => (
                <li key={c.id}>
                  <Link href={`/people/${c.id}`} className="hover:underline">
                    {c.displayName}
                  </Link>
                  <span className="text-zinc-500 print:text-black"> · due {day(c.dueOn)}</span>
                </li>
              ))}
            </ul>
            {r.totals.dueContacts > r.dueContacts.length ? (
              <p className="mt-2 text-sm">
                <Link
                  href="/follow-ups"
                  className="inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-200 print:text-black"
                >
                  …and {r.totals.dueContacts >= DUE_COUNT_CAP ? 'many' : r.totals.dueContacts - r.dueContacts.length} more in Follow-ups
                </Link>
              </p>
            ) : null}
          </>
        ) : (
          <p className={muted}>Nobody is due a contact by the end of the week.</p>
        )}
      </Section>
    </div>
  );
}
