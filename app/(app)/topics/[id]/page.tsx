import { Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ButtonLink } from '@/app/_components/ui/button';
import { Card, PageHeader } from '@/app/_components/ui/card';
import { OffTheRecordButton } from '@/app/_components/facts/off-the-record-button';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { searchFacts } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { getUndoableMerge } from '@/lib/merges/list';
import { getTopicDetail, listTopicSummaries } from '@/lib/topics/pages';
import { MergedBanner } from '@/app/_components/merges/undo-merge';
import { TopicTools } from './_components/topic-tools';
import { formatDate, formatMonth } from '@/lib/dates';

export const metadata: Metadata = { title: 'Topic' };

function MonthBars({ months, locale }: { months: { month: string; count: number }[]; locale: string }) {
  const max = Math.max(1, ...months.map((m) => m.count));
  const label = (ym: string) => formatMonth(ym, locale);
  // Months in a row when it did not come up are one row ("Mar 2025 – Oct 2025"), so a topic of two evenings a year
  // apart is not a page of empty bars.
  const rows: { month: string; until?: string; count: number }[] = [];
  for (const m of months) {
    const last = rows.at(-1);
    if (m.count === 0 && last?.count === 0) last.until = m.month;
    else rows.push({ ...m });
  }
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Events where it came up, per month</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Events</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.month}>
            <th scope="row" className="w-20 py-0.5 pr-2 text-left font-normal whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              {m.until ? `${label(m.month)} – ${label(m.until)}` : label(m.month)}
            </th>
            <td className="py-0.5">
              <div className="flex items-center gap-2">
                <div aria-hidden className="h-3 rounded-sm bg-accent-500" style={{ width: `${m.count === 0 ? 1 : Math.max(4, (m.count / max) * 85)}%` }} />
                <span className="tabular-nums">{m.count}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const section = 'mb-3 text-base font-semibold';

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const user = await requireUser();
  const { id } = await params;
  const topic = await getTopicDetail(user.id, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [merge, all] = await Promise.all([getUndoableMerge(user.id, (await searchParams).merged), listTopicSummaries(user.id, { sort: 'used' })]);
  const facts = await searchFacts(user.id, factSearchSchema.parse({ topic: topic.id, limit: 50 }));
  const peopleHref = `/people?${new URLSearchParams({ topic: topic.name })}`;

  return (
    <>
      <PageHeader
        title={topic.name}
        description={
          <>
            A{' '}
            <Link href="/topics" className="text-accent-700 underline underline-offset-2 dark:text-accent-400">
              topic
            </Link>
            : where it came up, who cares about it, and what you heard there.
            {topic.aliases.length ? (
              <span className="mt-1 block">Merged into it: {topic.aliases.map((a) => `“${a}”`).join(', ')}. Typed again, they mean this topic.</span>
            ) : null}
          </>
        }
        actions={
          // The People page lists those who care about it and those met where it came up; with neither, it would only
          // say "no one matches".
          topic.people.length || topic.events.length ? (
            <ButtonLink href={peopleHref} variant="secondary">
              <Users aria-hidden className="size-4" />
              People with this topic
            </ButtonLink>
          ) : undefined
        }
      />
      {merge?.kind === 'topic' && merge.keptId === topic.id ? <MergedBanner mergeId={merge.id} label={merge.label} /> : null}
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <Card>
            <h2 className={section}>
              Facts heard at the evenings where it came up ({facts.items.length}
              {facts.nextCursor ? '+' : ''})
            </h2>
            {facts.items.length === 0 ? (
              <p className="text-sm text-zinc-500">No facts from these events.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {facts.items.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-start justify-between gap-x-3">
                    <span className="min-w-0 flex-1 basis-0 pt-1">
                      <span className={f.offTheRecord ? 'italic' : ''}>{f.text}</span>
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {f.speaker ? f.speaker.displayName : 'Unattributed'} · {f.event.title}
                      </span>
                    </span>
                    <OffTheRecordButton id={f.id} offTheRecord={f.offTheRecord} label={f.text.slice(0, 80)} />
                  </li>
                ))}
              </ul>
            )}
            {facts.nextCursor ? (
              <p className="mt-3 text-sm">
                <Link href={`/facts?topic=${topic.id}`} className="text-accent-700 hover:underline dark:text-accent-400">
                  All facts under this topic
                </Link>
              </p>
            ) : null}
          </Card>
          <Card>
            <h2 className={section}>People who care about it ({topic.people.length})</h2>
            {topic.people.length === 0 ? (
              <p className="text-sm text-zinc-500">
                No one noted as caring about it yet.
                {topic.events.length ? (
                  <>
                    {' '}
                    <Link href={peopleHref} className="text-accent-700 underline underline-offset-2 dark:text-accent-400">
                      See who was at the events where it came up
                    </Link>
                    .
                  </>
                ) : null}
              </p>
            ) : (
              <ul className="-my-1 text-sm">
                {topic.people.map((p) => (
                  <li key={p.id}>
                    <Link
                      href={`/people/${p.id}`}
                      className="flex min-h-11 items-center text-accent-700 underline-offset-2 hover:underline dark:text-accent-400"
                    >
                      {p.displayName}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-4">
          <Card>
            <h2 className={section}>Events ({topic.events.length})</h2>
            {topic.events.length === 0 ? (
              <p className="text-sm text-zinc-500">It has not come up at an event yet.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {topic.events.map((e) => (
                  <li key={e.id}>
                    <Link href={`/events/${e.id}`} className="hover:underline">
                      {e.title}
                    </Link>{' '}
                    <span className="text-zinc-500">· {formatDate(e.startsAt, user.locale, user.timeZone, 'medium')}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 className={section}>How often it came up</h2>
            {topic.months.length ? <MonthBars months={topic.months} locale={user.locale} /> : <p className="text-sm text-zinc-500">No events yet.</p>}
          </Card>
          <Card>
            <h2 className={section}>Rename or merge</h2>
            <TopicTools id={topic.id} name={topic.name} others={all.filter((t) => t.id !== topic.id).map((t) => ({ id: t.id, name: t.name }))} />
          </Card>
        </div>
      </div>
    </>
  );
}
