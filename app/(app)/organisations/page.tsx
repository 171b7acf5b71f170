import { Building2, ChevronRight, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { inputClass } from '@/app/_components/ui/field';
import { requireUser } from '@/lib/dal';
import { listOrganisations, organisationsQuerySchema } from '@/lib/organisations/queries';
import { formatDate } from '@/lib/dates';
import { listOrganisationPairs } from '@/lib/organisations/duplicates';
import { OrganisationPairs } from './organisation-pairs';

export const metadata: Metadata = { title: 'Organisations' };

const PAGE = 100;

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const parsed = organisationsQuerySchema.safeParse(await searchParams);
  const query: { q?: string; after?: string } = parsed.success ? parsed.data : {};
  const [items, alike] = await Promise.all([
    listOrganisations(user.id, { q: query.q, after: query.after, limit: PAGE + 1 }),
    // On the first page only: a search or a later page is looking for something else.
    query.q || query.after ? [] : listOrganisationPairs(user.id, { limit: 10 }),
  ]);
  const page = items.slice(0, PAGE);
  const next = items.length > PAGE ? page.at(-1)?.name : undefined;
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...extra }).toString();

  return (
    <>
      <PageHeader
        title="Organisations"
        description="Where the people you know work: rename, file under a sector, or merge two that are one."
        actions={
          <ButtonLink href="/people" variant="secondary">
            People
          </ButtonLink>
        }
      />
      {alike.length ? (
        <div className="mb-4">
          <OrganisationPairs pairs={alike} title="These may be one organisation" />
        </div>
      ) : null}
      <form role="search" method="get" className="mb-4 flex gap-2">
        <label htmlFor="org-q" className="sr-only">
          Search organisations
        </label>
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <input
            id="org-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ''}
            placeholder="Search organisations"
            className={`${inputClass} pl-9`}
            maxLength={200}
          />
        </div>
        <button type="submit" className="min-h-11 rounded-lg bg-accent-600 px-4 text-sm font-medium text-white hover:bg-accent-700">
          Search
        </button>
      </form>
      {page.length === 0 ? (
        <EmptyState icon={<Building2 className="size-10" />} title={query.q ? 'No organisation matches' : 'No organisations yet'}>
          {query.q ? 'Try fewer letters.' : 'Organisations appear when you add the people who work there.'}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {page.map((o) => (
            <li key={o.id}>
              <Link href={`/organisations/${o.id}`} className="flex min-h-14 items-center gap-3 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{o.name}</p>
                  <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                    {o.sector?.name ?? 'No sector'} · {o.people} {o.people === 1 ? 'person' : 'people'}
                  </p>
                </div>
                <p className="hidden shrink-0 text-xs text-zinc-500 sm:block">
                  {o.lastMetAt ? `Met ${formatDate(o.lastMetAt, user.locale, user.timeZone, 'medium')}` : ''}
                </p>
                <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-400" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="More organisations" className="mt-4 flex gap-2">
        {query.after ? (
          <ButtonLink href={`/organisations?${qs({})}`} variant="secondary">
            Back to the top
          </ButtonLink>
        ) : null}
        {next ? (
          <ButtonLink href={`/organisations?${qs({ after: next })}`} variant="secondary">
            Show more
          </ButtonLink>
        ) : null}
      </nav>
    </>
  );
}
