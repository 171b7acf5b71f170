import { CalendarDays, ListChecks } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ButtonLink } from '@/app/_components/ui/button';
import { Card, EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { filterPersonChoice, listFilterChoices, listEventChoices } from '@/lib/follow-ups/choices';
import { countOpenByGroup, type FollowUpListArgs, listFollowUpLists } from '@/lib/follow-ups/queries';
import { listFiltersSchema } from '@/lib/follow-ups/validation';
import { AddFollowUp } from '@/app/_components/follow-ups/add-follow-up';
import { FollowUpFilters } from './_components/filters';
import { FollowUpList } from '@/app/_components/follow-ups/follow-up-list';
import { GetBackInTouch } from '@/app/_components/keep-in-touch/get-back-in-touch';
import { listDueContacts } from '@/lib/keep-in-touch/queries';
import { formatDay, todayIn } from '@/lib/dates';
import { type DueGroup, GROUP_TITLES } from '@/lib/follow-ups/due';

/** A filtered list of follow-ups shows only follow-ups; the people due a contact belong to the whole list. */
const followUpsOnly = (f: { person?: string; event?: string; sector?: string }, onlyGroup: unknown) => Boolean(f.person || f.event || f.sector || onlyGroup);

export const metadata: Metadata = { title: 'Follow-ups' };

/**
 * Open follow-ups shown per group before "Show all N" (each heading counts the whole group). What is due gets ten;
 * what is not due yet (later, or with no date) shows its next five, so that a long backlog does not bury today's
 * list under a long scroll, and the page stays light (a 10,000-person account's page was 175 KB at 20 per group).
 */
const PER_GROUP: Record<DueGroup, number> = { overdue: 10, today: 10, week: 10, later: 5, none: 5 };

/** Recently done follow-ups shown under the open ones. */
const RECENT_DONE = 5;

/** Events offered in the filter and the add form: the most recent (each event's page lists its own follow-ups). */
const EVENT_CHOICES = 25;

export default async function FollowUpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const raw = await searchParams;
  const pick = (k: string) => (typeof raw[k] === 'string' ? raw[k] : undefined);
  // A malformed filter in a hand-edited address shows everything rather than an error page.
  const parsed = listFiltersSchema.safeParse({ person: pick('person'), event: pick('event'), sector: pick('sector'), due: pick('due') });
  const { due: onlyGroup, ...filters } = parsed.success ? parsed.data : {};
  const today = todayIn(user.timeZone);
  // Each group is read on its own, so a long "Later" never crowds out "No date"; a group opened on its own
  // (?due=later) shows up to the list maximum.
  const groups: DueGroup[] = onlyGroup ? [onlyGroup] : ['overdue', 'today', 'week', 'later', 'none'];

  // Every group and the recently done, each read side by side.
  const lists: Partial<Record<DueGroup | 'done', FollowUpListArgs>> = Object.fromEntries(
    groups.map((due) => [due, { ...filters, status: 'open' as const, due, limit: onlyGroup ? undefined : PER_GROUP[due] }]),
  );
  if (!onlyGroup) lists.done = { ...filters, status: 'done', recentDoneOnly: true, limit: RECENT_DONE };
  const [read, totals, choices, eventChoices, filterPerson, dueContacts] = await Promise.all([
    listFollowUpLists(user.id, today, lists),
    countOpenByGroup(user.id, today, filters),
    listFilterChoices(user.id, { people: false, events: EVENT_CHOICES }),
    listEventChoices(user.id, EVENT_CHOICES),
    filters.person ? filterPersonChoice(user.id, filters.person) : Promise.resolve(null),
    followUpsOnly(filters, onlyGroup) ? Promise.resolve([]) : listDueContacts(user.id, today),
  ]);
  const openByGroup = groups.map((g) => read[g] ?? []);
  const open = openByGroup.flat();
  const done = read.done ?? [];
  const filtered = Boolean(filters.person || filters.event || filters.sector || onlyGroup);
  const moreHref = (group: DueGroup) => {
    const qs = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (typeof value === 'string') qs.set(key, value);
    qs.set('due', group);
    return `/follow-ups?${qs}`;
  };

  return (
    <>
      <PageHeader
        title="Follow-ups"
        description={`What you promised, and when. Today is ${formatDay(today, user.locale)}.`}
        actions={
          <ButtonLink href="/settings#calendar" variant="secondary">
            <CalendarDays aria-hidden className="size-4" />
            In your calendar
          </ButtonLink>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem] lg:items-start">
        <div className="min-w-0">
          <FollowUpFilters person={filterPerson} events={choices.events} sectors={choices.sectors} current={filters} />
          {onlyGroup ? (
            <p className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-xl bg-zinc-100 px-4 py-2 text-sm dark:bg-zinc-900">
              <span>
                Only <strong className="font-medium">{GROUP_TITLES[onlyGroup]}</strong>
              </span>
              <Link href="/follow-ups" className="inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-200">
                Show every group
              </Link>
            </p>
          ) : null}
          {dueContacts.length ? (
            // The reminders to get back in touch sit under the follow-ups (there may be many); the top says they are there.
            <p className="mb-4 text-sm">
              <a href="#get-back-in-touch" className="inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline dark:text-accent-200">
                Also due: get back in touch with {dueContacts.length === 1 ? '1 person' : `${dueContacts.length} people`} ↓
              </a>
            </p>
          ) : null}
          {open.length === 0 && done.length === 0 ? (
            <EmptyState icon={<ListChecks className="size-10" />} title={filtered ? 'No follow-ups match' : 'Nothing to follow up'}>
              {filtered
                ? 'Try another person, event or sector, or clear the filters.'
                : 'Add what you promised (“send the blog post”, “compare notes on device policy”) and when. It will wait for you here.'}
            </EmptyState>
          ) : (
            <>
              {open.length === 0 ? (
                <p className="mb-4 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
                  All caught up: nothing open{filtered ? ' for this filter' : ''}.
                </p>
              ) : null}
              <FollowUpList
                items={open}
                done={done}
                today={today}
                locale={user.locale}
                timeZone={user.timeZone}
                grouped
                more={Object.fromEntries(groups.filter((g, i) => totals[g] > openByGroup[i]!.length).map((g) => [g, { total: totals[g], href: moreHref(g) }]))}
              />
              {onlyGroup ? (
                <p className="mt-4 text-sm">
                  <Link href="/follow-ups" className="font-medium text-accent-600 hover:underline dark:text-accent-200">
                    Show every group
                  </Link>
                </p>
              ) : null}
            </>
          )}
          {dueContacts.length ? (
            <section aria-labelledby="get-back-in-touch" className="mt-8">
              <h2 id="get-back-in-touch" className="mb-2 text-lg font-semibold">
                Get back in touch ({dueContacts.length})
              </h2>
              <GetBackInTouch items={dueContacts} today={today} locale={user.locale} />
            </section>
          ) : null}
        </div>
        <Card className="lg:sticky lg:top-8">
          <AddFollowUp findPeople events={eventChoices} today={today} />
        </Card>
      </div>
    </>
  );
}
