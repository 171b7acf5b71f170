import { Lightbulb, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Button, ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { labelClass } from '@/app/_components/ui/field';
import { requireUser } from '@/lib/dal';
import { factFilterSelected, searchFacts } from '@/lib/facts/queries';
import { factSearchSchema, type FactSearch } from '@/lib/facts/validation';
import { FactList, type FactRow } from '@/app/_components/facts/fact-list';
import { FactSearchBox } from '@/app/_components/facts/fact-search';
import { FactFilters, type FactFilter } from '@/app/_components/facts/fact-filters';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Facts' };

type Raw = Record<string, string | string[] | undefined>;
const FILTERS = ['speaker', 'organisation', 'sector', 'topic', 'event'] as const;

/** The URL's search state; a malformed parameter is dropped rather than failing the page. */
function readParams(raw: Raw): FactSearch {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const shape = factSearchSchema.shape[key as keyof typeof factSearchSchema.shape];
    if (typeof value === 'string' && shape?.safeParse(value).success) clean[key] = value;
  }
  return factSearchSchema.parse(clean);
}

function hrefWith(params: FactSearch, extra: Record<string, string>): string {
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  for (const key of FILTERS) if (params[key]) qs.set(key, params[key]!);
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  const s = qs.toString();
  return s ? `/facts?${s}` : '/facts';
}

export default async function FactsPage({ searchParams }: { searchParams: Promise<Raw> }) {
  await connection();
  const user = await requireUser();
  const params = readParams(await searchParams);
  // The search and the check of the filters in force run side by side; the full filter choices load only when the
  // filters are opened (FactFilters). A filter naming something that is not among the user's (another user's id, a
  // deleted event) is ignored, never echoed back into the page: then the search runs again without it.
  const [selected, first] = await Promise.all([factFilterSelected(user.id, params), searchFacts(user.id, params)]);
  const ignored = FILTERS.filter((k) => params[k] && !selected[k]);
  for (const k of ignored) params[k] = undefined;
  const result = ignored.length ? await searchFacts(user.id, params) : first;
  const activeFilters = FILTERS.filter((k) => params[k]).length;
  const searching = !!params.q || activeFilters > 0;
  const filters: FactFilter[] = [
    { key: 'speaker', title: 'Speaker', any: 'Anyone', selected: selected.speaker ?? null },
    { key: 'organisation', title: 'Organisation', any: 'Any organisation', selected: selected.organisation ?? null },
    { key: 'sector', title: 'Sector', any: 'Any sector', selected: selected.sector ?? null },
    { key: 'topic', title: 'Topic', any: 'Any topic', selected: selected.topic ?? null },
    { key: 'event', title: 'Event', any: 'Any event', selected: selected.event ?? null },
  ];

  if (!searching && !params.cursor && result.items.length === 0) {
    return (
      <>
        <PageHeader title="Facts" description="Every fact and statistic you heard, with who said it and where." />
        <EmptyState icon={<Lightbulb className="size-10" />} title="No facts yet" action={<ButtonLink href="/events/new">Log an event</ButtonLink>}>
          When you log an event, add the facts and figures you heard (&ldquo;80% of Twitter&rsquo;s users are on mobile&rdquo;) and who said them. They appear
          here, searchable.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Facts"
        description={
          <>
            Every fact and statistic you heard, with who said it and where. See also{' '}
            <Link href="/topics" className="text-accent-700 underline underline-offset-2 dark:text-accent-400">
              topics
            </Link>
            .
          </>
        }
      />
      <div className="md:grid md:grid-cols-[16rem_1fr] md:gap-8">
        <aside className="mb-4 md:mb-0">
          <form role="search" action="/facts" method="get" className="space-y-3">
            <div>
              <label htmlFor="q" className={labelClass}>
                Search facts
              </label>
              <div className="flex gap-2">
                <FactSearchBox q={params.q ?? ''} />
                <Button type="submit" aria-label="Search" className="shrink-0">
                  <Search aria-hidden className="size-4" />
                </Button>
              </div>
            </div>
            {/* Keyed by the filters in force: the page keeps its components across a link to /facts with other filters
                (the query string is not part of the page's identity), and the selects must start from the new ones. */}
            <FactFilters key={FILTERS.map((k) => params[k] ?? '').join('|')} filters={filters} active={activeFilters} />
          </form>
        </aside>
        <section aria-labelledby="facts-heading" className="min-w-0">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="facts-heading" className="text-sm font-medium text-zinc-600 dark:text-zinc-400" aria-live="polite">
              {searching ? 'Matching facts, best first' : 'Newest first'}
            </h2>
            {searching ? (
              <Link href="/facts" className="text-sm text-accent-700 underline-offset-2 hover:underline dark:text-accent-400">
                Clear search
              </Link>
            ) : null}
          </div>
          {result.items.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No fact matches. Try fewer words, or clear a filter.
            </p>
          ) : (
            <FactList
              rows={result.items.map((f): FactRow => ({
                id: f.id,
                text: f.text,
                offTheRecord: f.offTheRecord,
                speaker: f.speaker ? { id: f.speaker.id, name: f.speaker.displayName } : null,
                organisation: f.organisation && f.speaker?.displayName.includes(f.organisation.name) !== true ? f.organisation : null,
                event: { id: f.event.id, title: f.event.title },
                at: f.event.startsAt.toISOString(),
                date: formatDate(f.event.startsAt, user.locale, user.timeZone, 'medium'),
              }))}
            />
          )}
          <nav aria-label="More facts" className="mt-4 flex flex-wrap gap-2">
            {params.cursor ? (
              <ButtonLink href={hrefWith(params, {})} variant="secondary">
                First page
              </ButtonLink>
            ) : null}
            {result.nextCursor ? (
              <ButtonLink href={hrefWith(params, { cursor: result.nextCursor })} variant="secondary">
                Next page
              </ButtonLink>
            ) : null}
          </nav>
        </section>
      </div>
    </>
  );
}
