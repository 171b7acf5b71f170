import { Building2, CopyCheck, Plus, Users } from 'lucide-react';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { z } from 'zod';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { listSearchFilterOptions } from '@/lib/people/filter-options';
import { getPerson } from '@/lib/people/queries';
import { matchReasons } from '@/lib/people/match-reasons';
import { searchPeople } from '@/lib/people/search';
import { searchTerms } from '@/lib/people/search-terms';
import { searchParamsSchema, type SearchParams } from '@/lib/people/validation';
import { getImport } from '@/lib/import/undo';
import { RESTORE_WINDOW_DAYS } from '@/lib/restore-window';
import { UndoImport } from '@/app/_components/import/undo-import';
import { Filters } from './_components/filters';
import { PeopleList } from './_components/people-list';
import { roughFloor } from './_components/rough-floor';
import { ClearLink, SearchForm } from './_components/search-form';
import { SEARCH_FORM_ID, SortSelect } from './_components/sort-select';
import { UndoDelete } from './_components/undo-delete';
import { formatDate, formatDateTime } from '@/lib/dates';

export const metadata: Metadata = { title: 'People' };

type Raw = Record<string, string | string[] | undefined>;

/** The URL's search state; anything malformed falls back to its default rather than failing the page. */
function readParams(raw: Raw): SearchParams {
  const parsed = searchParamsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const clean: Raw = {};
  for (const [key, value] of Object.entries(raw)) {
    if (searchParamsSchema.shape[key as keyof typeof searchParamsSchema.shape]?.safeParse(value).success) clean[key] = value;
  }
  return searchParamsSchema.parse(clean);
}

function hrefWith(params: SearchParams, extra: Record<string, string>): string {
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  for (const s of params.sector) qs.append('sector', s);
  for (const o of params.organisation) qs.append('organisation', o);
  for (const key of ['role', 'event', 'topic', 'met', 'imported', 'sort'] as const) if (params[key]) qs.set(key, params[key]!);
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  const s = qs.toString();
  return s ? `/people?${s}` : '/people';
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Raw> }) {
  await connection();
  const user = await requireUser();
  const raw = await searchParams;
  const params = readParams(raw);
  const [result, options, imported] = await Promise.all([
    searchPeople(user.id, params),
    listSearchFilterOptions(user.id, params.organisation, params.event),
    params.imported ? getImport(user.id, params.imported) : null,
  ]);
  // A word typed that is nowhere in a row (a topic, an evening, a note) is explained on the row.
  const reasons = params.q ? await matchReasons(user.id, result) : new Map<string, string>();
  const deletedId = z.uuid().safeParse(raw.deleted);
  const deleted = deletedId.success ? await getPerson(user.id, deletedId.data, { includeDeleted: true }).catch(() => null) : null;
  const activeFilters =
    params.sector.length + params.organisation.length + [params.role, params.event, params.topic, params.met, params.imported].filter(Boolean).length;
  // "%" or "--" has nothing to search for: the list is everyone, and says why rather than claiming they match.
  const wordless = !!params.q && searchTerms(params.q).length === 0;
  const searching = (!!params.q && !wordless) || activeFilters > 0;
  const nothingAtAll = !searching && !params.cursor && result.total === 0;
  const count = `${(result.totalCapped ? roughFloor(result.total) : result.total).toLocaleString(user.locale)}${result.totalCapped ? '+' : ''}`;
  const one = result.total === 1 && !result.totalCapped;
  // "2 people" for the phone's filter button; "2 people match", "1 person matches", "1,204 people" for the results.
  const found = `${count} ${one ? 'person' : 'people'}`;
  const matches = `${found}${searching ? (one ? ' matches' : ' match') : ''}`;

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone you have met, by sector, organisation, topic and event."
        actions={
          <>
            <ButtonLink href="/organisations" variant="secondary">
              <Building2 aria-hidden className="size-4" />
              Organisations
            </ButtonLink>
            <ButtonLink href="/people/duplicates" variant="secondary">
              <CopyCheck aria-hidden className="size-4" />
              Duplicates
            </ButtonLink>
            <ButtonLink href="/people/new">
              <Plus aria-hidden className="size-4" />
              Add a person
            </ButtonLink>
          </>
        }
      />
      {deleted?.deleted ? <UndoDelete id={deleted.id} name={deleted.displayName} /> : null}
      {nothingAtAll ? (
        <EmptyState icon={<Users className="size-10" />} title="No one here yet" action={<ButtonLink href="/events/new">Log an event</ButtonLink>}>
          People appear here when you log an event, or add them yourself. A name is optional: &ldquo;Head of IT, Leeds City Council&rdquo; is enough to find
          them again.
        </EmptyState>
      ) : (
        <div className="md:grid md:grid-cols-[16rem_1fr] md:gap-8">
          <aside className="mb-4 md:mb-0">
            <SearchForm q={params.q ?? ''} activeFilters={activeFilters} found={found}>
              <Filters
                params={params}
                facets={result.facets}
                facetsCapped={result.facetsCapped}
                options={options}
                locale={user.locale}
                timeZone={user.timeZone}
                imported={imported ? { id: params.imported!, at: imported.at } : null}
              />
            </SearchForm>
          </aside>
          <section aria-labelledby="results-heading" className="min-w-0">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h2 id="results-heading" className="scroll-mt-20 text-sm font-medium text-zinc-600 dark:text-zinc-400" aria-live="polite">
                {matches}
              </h2>
              <div className="flex flex-wrap items-center gap-x-4">
                {searching ? <ClearLink href="/people" /> : null}
                {result.items.length > 1 || params.cursor ? (
                  <SortSelect value={params.sort} searching={!!params.q && !wordless} />
                ) : params.sort ? (
                  // Nothing to order: the order chosen still goes with the next search.
                  <input type="hidden" name="sort" form={SEARCH_FORM_ID} value={params.sort} />
                ) : null}
              </div>
            </div>
            {params.imported ? (
              // One block either way, so that what an undo made here did stays said once the page is read again.
              <div className="mb-3 rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
                <p>
                  {!imported
                    ? `That import is more than ${RESTORE_WINDOW_DAYS} days old: who it added is no longer kept.`
                    : imported.undoneAt
                      ? `Added by your import of ${importName(imported, user.locale, user.timeZone)}, which you undid on ${formatDate(imported.undoneAt, user.locale, user.timeZone, 'medium')}: listed here are those of them in your contacts now.`
                      : `${imported.added === 1 ? 'The person' : `The ${imported.added.toLocaleString(user.locale)} people`} added by your import of ${importName(imported, user.locale, user.timeZone)}. Not what you meant to bring in?`}
                </p>
                {/* Here already: what an undo or a restore did is said without a link back to this page. */}
                <UndoImport
                  undoId={params.imported}
                  counts={imported ? { added: imported.added, updated: imported.updated } : undefined}
                  available={!!imported}
                  undone={imported?.undone}
                  peopleLink={false}
                />
              </div>
            ) : null}
            {wordless ? (
              <p className="mb-3 rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
                &ldquo;{params.q}&rdquo; has no letters or digits to search for, so here is everyone.
              </p>
            ) : null}
            {/* Not above "No one matches": a loose search that found no one has nothing to say sorry for. */}
            {result.loose && result.items.length > 0 ? (
              <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                No one matches every word, so these match some of them
                {params.sort ? '.' : ', best first.'}
              </p>
            ) : null}
            {result.items.length === 0 ? (
              <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                {params.imported && activeFilters === 1 && !params.q
                  ? 'Nobody it added is in your contacts now.'
                  : 'No one matches. Try fewer words, or clear a filter.'}
              </p>
            ) : (
              <PeopleList
                rows={result.items.map((p) => ({
                  id: p.id,
                  title: p.displayName,
                  detail: (p.name ? [p.role, p.organisation?.name].filter(Boolean).join(' · ') : p.sector?.name) || null,
                  sector: p.name ? (p.sector?.name ?? null) : null,
                  met:
                    params.sort === 'added'
                      ? `Added ${formatDate(p.addedAt, user.locale, user.timeZone, 'medium')}`
                      : p.lastMetAt
                        ? `Met ${formatDate(p.lastMetAt, user.locale, user.timeZone, 'medium')}`
                        : 'Not met yet',
                  matched: reasons.get(p.id) ?? null,
                }))}
              />
            )}
            <nav aria-label="More results" className="mt-4 flex flex-wrap gap-2">
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
      )}
    </>
  );
}

/** An import as the user knows it: its file's name and when, or when alone for one recorded before names were kept. */
function importName(i: { source: string | null; at: Date }, locale: string, timeZone: string): string {
  return i.source ? `${i.source} (${formatDateTime(i.at, locale, timeZone)})` : formatDateTime(i.at, locale, timeZone);
}
