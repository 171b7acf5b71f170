import { CalendarPlus, CircleCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { upcomingEvents } from '@/lib/brief/queries';
import { requireUser } from '@/lib/dal';
import { eventsPerMonth, followUpProgress, latestEvents, peopleBySector } from '@/lib/dashboard/queries';
import { listFollowUpLists, listFollowUps } from '@/lib/follow-ups/queries';
import { FollowUpList } from '@/app/_components/follow-ups/follow-up-list';
import { FollowUpProgressBar, MonthlyColumns, SectorBars } from './_dashboard/charts';
import { ComingUp, GetBackInTouchPanel, LatestEvents } from './_dashboard/panels';
import { UnfinishedDraft } from './_dashboard/unfinished-draft';
import { listDueContactsCounted } from '@/lib/keep-in-touch/queries';
import { formatDay, todayIn } from '@/lib/dates';

export const metadata: Metadata = { title: 'Dashboard' };

/** Of each of "Overdue" and "Today": the dashboard is a glance, /follow-ups has them all. */
const DUE_SHOWN = 5;
/** People due a contact listed on the dashboard; the rest are counted and a link leads to them. */
const DUE_CONTACTS_SHOWN = 8;

export default async function DashboardPage() {
  await connection();
  const user = await requireUser();
  const today = todayIn(user.timeZone);
  const now = new Date();
  const [dueNow, events, dueContacts, sectors, months, progress, comingUp] = await Promise.all([
    listFollowUpLists(user.id, today, { overdue: { due: 'overdue', limit: DUE_SHOWN }, today: { due: 'today', limit: DUE_SHOWN } }),
    latestEvents(user.id, 5, now),
    listDueContactsCounted(user.id, today, { limit: DUE_CONTACTS_SHOWN }),
    peopleBySector(user.id),
    eventsPerMonth(user.id, user.timeZone, today, user.locale, now),
    followUpProgress(user.id, today, now),
    upcomingEvents(user.id, now),
  ]);
  const overdue = dueNow.overdue ?? [];
  const dueToday = dueNow.today ?? [];
  const due = [...overdue, ...dueToday];
  // "Next:" is said only when nothing is due, so the week's list is read only then.
  const upcoming = due.length ? [] : await listFollowUps(user.id, today, { due: 'week', limit: 1 });
  const anyFollowUps = progress.done + progress.openOnTime + progress.openOverdue > 0;
  const firstName = user.name.split(' ')[0];

  if (events.length === 0 && comingUp.length === 0 && sectors.length === 0 && !anyFollowUps) {
    return (
      <>
        <PageHeader title={`Hello, ${firstName}`} description="What is due, and who you have met lately." />
        <UnfinishedDraft userId={user.id} />
        <EmptyState
          icon={<CalendarPlus className="size-10" />}
          title="Log your first event"
          action={
            // Someone moving in brings an address book: the way in for it is here, not three screens into Settings.
            <div className="flex flex-wrap justify-center gap-2">
              <ButtonLink href="/events/new">Log an event</ButtonLink>
              <ButtonLink href="/settings/import" variant="secondary">
                Import your contacts
              </ButtonLink>
            </div>
          }
        >
          Been to a networking evening? Write down who you met, what you talked about and what you promised, while it is fresh. Your follow-ups and contacts
          will show up here. Already have contacts in your phone, Google or LinkedIn? Bring them in first.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`Hello, ${firstName}`}
        description={formatDay(today, user.locale)}
        actions={
          <>
            <ButtonLink href="/review" variant="secondary">
              Weekly review
            </ButtonLink>
            <ButtonLink href="/facts" variant="secondary">
              Facts
            </ButtonLink>
            <ButtonLink href="/topics" variant="secondary">
              Topics
            </ButtonLink>
          </>
        }
      />
      <UnfinishedDraft userId={user.id} />
      <div className="space-y-6">
        <section aria-labelledby="due-now">
          <div className="mb-2 flex items-baseline justify-between gap-2">
            <h2 id="due-now" className="text-lg font-semibold">
              Due now{due.length ? ` (${progress.openOverdue + progress.openToday})` : ''}
            </h2>
            <Link href="/follow-ups" className="-my-3 inline-flex min-h-11 items-center text-sm text-accent-700 hover:underline dark:text-accent-200">
              All follow-ups
            </Link>
          </div>
          <FollowUpList
            items={due}
            today={today}
            locale={user.locale}
            timeZone={user.timeZone}
            grouped
            headingLevel={3}
            more={{
              ...(progress.openOverdue > overdue.length ? { overdue: { total: progress.openOverdue, href: '/follow-ups?due=overdue' } } : {}),
              ...(progress.openToday > dueToday.length ? { today: { total: progress.openToday, href: '/follow-ups?due=today' } } : {}),
            }}
            // Kept drawn when nothing is due, so ticking the last one keeps its toast and Undo.
            empty={
              <div className="flex items-start gap-3 rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
                <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
                <p>
                  Nothing due today.
                  {upcoming[0] ? ` Next: “${upcoming[0].action}”, ${formatDay(upcoming[0].due!, user.locale, 'short')}.` : ' Enjoy the quiet.'}
                </p>
              </div>
            }
          />
        </section>
        {comingUp.length ? <ComingUp events={comingUp} timeZone={user.timeZone} locale={user.locale} /> : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 [&>*]:min-w-0">
          <LatestEvents events={events} timeZone={user.timeZone} locale={user.locale} />
          <GetBackInTouchPanel items={dueContacts.items} total={dueContacts.total} today={today} locale={user.locale} />
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3 [&>*]:min-w-0">
          <FollowUpProgressBar data={progress} />
          <MonthlyColumns data={months} />
          <SectorBars data={sectors} />
        </div>
      </div>
    </>
  );
}
