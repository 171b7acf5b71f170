import { inputClass, labelClass } from '@/app/_components/ui/field';
import type { SectorFacet } from '@/lib/people/search';
import { LAST_MET, LAST_MET_LABELS, type SearchParams } from '@/lib/people/validation';
import { NO_SECTOR } from '@/lib/people/search';
import { OrganisationInput } from './organisation-input';
import { formatDate } from '@/lib/dates';
import { SectorFacets } from './sector-facets';
import { EventFilter, TopicFilter } from './filter-choices';

interface Options {
  events: { id: string; title: string; startsAt: Date }[];
  topics: string[];
  organisations: { id: string; name: string }[];
}

/** The filter controls; their names are the URL's parameters. */
export function Filters({
  params,
  facets,
  facetsCapped = false,
  options,
  locale,
  timeZone,
  imported,
}: {
  params: SearchParams;
  /** The import whose added people the list is narrowed to, with when it ran: a box to untick. */
  imported?: { id: string; at: Date } | null;
  facets: SectorFacet[];
  /** The counts stopped at the first matches found: each is "at least". */
  facetsCapped?: boolean;
  options: Options;
  locale: string;
  timeZone: string;
}) {
  const orgName = (v: string) => options.organisations.find((o) => o.id === v)?.name ?? v;
  return (
    <>
      {imported ? (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="imported" value={imported.id} defaultChecked className="size-5 accent-accent-600" />
          Only those added by the import of {formatDate(imported.at, locale, timeZone, 'medium')}
        </label>
      ) : null}
      <SectorFacets
        sectors={facets.map((f) => ({
          id: `sector-${f.id ?? NO_SECTOR}`,
          value: f.id ? f.name : NO_SECTOR,
          name: f.name,
          count: f.count,
          selected: f.selected,
        }))}
        capped={facetsCapped}
        locale={locale}
      />
      <div>
        <label htmlFor="organisation" className={labelClass}>
          Organisation
        </label>
        <OrganisationInput defaultValue={params.organisation[0] ? orgName(params.organisation[0]) : ''} className={inputClass} />
      </div>
      <div>
        <label htmlFor="role" className={labelClass}>
          Role contains
        </label>
        <input id="role" name="role" defaultValue={params.role ?? ''} className={inputClass} placeholder="e.g. head of" maxLength={200} />
      </div>
      <EventFilter
        events={options.events.map((e) => ({ id: e.id, label: `${e.title} · ${formatDate(e.startsAt, locale, timeZone, 'medium')}` }))}
        defaultValue={params.event ?? ''}
      />
      <TopicFilter topics={options.topics} defaultValue={params.topic ?? ''} />
      <div>
        <label htmlFor="met" className={labelClass}>
          Last met
        </label>
        <select id="met" name="met" defaultValue={params.met ?? ''} className={inputClass}>
          <option value="">Any time</option>
          {LAST_MET.map((m) => (
            <option key={m} value={m}>
              {LAST_MET_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
