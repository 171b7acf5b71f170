import { Hash, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { z } from 'zod';
import { Button, ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { inputClass, labelClass } from '@/app/_components/ui/field';
import { requireUser } from '@/lib/dal';
import { listTopicSummaries } from '@/lib/topics/pages';
import { queryText } from '@/lib/validation/text';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Topics' };

const paramsSchema = z.object({ q: queryText(100).catch(undefined), sort: z.enum(['recent', 'used']).catch('recent') });

export default async function TopicsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const params = paramsSchema.parse(await searchParams);
  const topics = await listTopicSummaries(user.id, params);
  const sortHref = (sort: string) => `/topics?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), sort })}`;

  return (
    <>
      <PageHeader
        title="Topics"
        description={
          <>
            What came up at your events, who cares about it, and the{' '}
            <Link href="/facts" className="text-accent-700 underline underline-offset-2 dark:text-accent-400">
              facts
            </Link>{' '}
            you heard.
          </>
        }
      />
      {topics.length === 0 && !params.q ? (
        <EmptyState icon={<Hash className="size-10" />} title="No topics yet" action={<ButtonLink href="/events/new">Log an event</ButtonLink>}>
          Add topics to an event, or to the people you met there, and they gather here.
        </EmptyState>
      ) : (
        <>
          <form role="search" action="/topics" method="get" className="mb-3 flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor="topic-q" className={labelClass}>
                Search topics
              </label>
              <input id="topic-q" name="q" type="search" defaultValue={params.q ?? ''} maxLength={100} className={inputClass} />
            </div>
            <input type="hidden" name="sort" value={params.sort} />
            <Button type="submit" aria-label="Search topics">
              <Search aria-hidden className="size-4" />
            </Button>
          </form>
          <nav aria-label="Sort topics" className="mb-3 flex gap-2 text-sm">
            {(['recent', 'used'] as const).map((s) => (
              <Link
                key={s}
                href={sortHref(s)}
                aria-current={params.sort === s ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg px-3 md:min-h-9 ${
                  params.sort === s
                    ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'
                    : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
                }`}
              >
                {s === 'recent' ? 'Most recent' : 'Most used'}
              </Link>
            ))}
          </nav>
          {topics.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No topic matches &ldquo;{params.q}&rdquo;.
            </p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {topics.map((t) => (
                <li key={t.id}>
                  <Link href={`/topics/${t.id}`} className="block px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                    <span className="font-medium">{t.name}</span>
                    <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
                      {t.events} event{t.events === 1 ? '' : 's'} · {t.people} {t.people === 1 ? 'person' : 'people'} · {t.facts} fact{t.facts === 1 ? '' : 's'}{' '}
                      heard there
                      {t.lastAt ? ` · last ${formatDate(t.lastAt, user.locale, user.timeZone, 'medium')}` : ''}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
