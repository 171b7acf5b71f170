import { Search } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/app/_components/ui/button';
import { inputClass } from '@/app/_components/ui/field';
import type { EventListQuery } from '@/lib/events/validation';

function Select({ id, label, value, options }: { id: string; label: string; value?: string; options: string[] }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ''} className={inputClass}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search and filters as a plain GET form: works without JavaScript and the URL can be shared or bookmarked. */
export function EventFilters({ query, series, years, sectors }: { query: EventListQuery; series: string[]; years: number[]; sectors: string[] }) {
  return (
    <form method="get" action="/events" role="search" className="mb-4 space-y-3">
      <div className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search events
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="Title, venue, series…" className={inputClass} />
        <Button type="submit" variant="secondary" className="shrink-0">
          <Search aria-hidden className="size-4" /> Search
        </Button>
      </div>
      <details className="group" open={!!(query.series || query.topic || query.sector || query.year)}>
        <summary className="inline-flex min-h-11 min-w-11 cursor-pointer items-center text-sm font-medium text-accent-700 dark:text-accent-200">
          Filters
        </summary>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Select id="series" label="Series" value={query.series} options={series} />
          <div className="min-w-0 space-y-1">
            <label htmlFor="topic" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Topic
            </label>
            <input id="topic" name="topic" defaultValue={query.topic ?? ''} className={inputClass} />
          </div>
          <Select id="sector" label="Sector" value={query.sector} options={sectors} />
          <Select id="year" label="Year" value={query.year ? String(query.year) : undefined} options={years.map(String)} />
        </div>
        <div className="mt-3 flex gap-2">
          <Button type="submit">Apply filters</Button>
          <Link href="/events" className="inline-flex min-h-11 items-center px-3 text-sm underline">
            Clear
          </Link>
        </div>
      </details>
    </form>
  );
}
