import { inputClass } from '@/app/_components/ui/field';
import type { SectorFacet } from '@/lib/people/search';
import { LAST_MET, LAST_MET_LABELS, type SearchParams } from '@/lib/people/validation';
import { NO_SECTOR } from '@/lib/people/search';
import { OrganisationInput } from './organisation-input';
import { formatDate } from '@/lib/dates';

interface Options {
  events: { id: string; title: string; startsAt: Date }[];
  topics: string[];
  organisations: { id: string; name: string }[];
}

const legend = 'mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200';

/** The filter controls; their names are the URL's parameters. */
export function Filters({
  params,
  facets,
  facetsCapped = false,
  options,
  locale,
  timeZone,
}: {
  params: SearchParams;
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
      <fieldset>
        <legend className={legend}>Sector</legend>
        <ul className="space-y-0.5">
          {facets.map((f) => {
            const value = f.id ? f.name : NO_SECTOR;
            const id = `sector-${f.id ?? NO_SECTOR}`;
            return (
              <li key={id}>
                <label
                  htmlFor={id}
                  className={`flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 text-sm hover:bg-zinc-100 md:min-h-9 dark:hover:bg-zinc-800 ${
                    f.count === 0 && !f.selected ? 'text-zinc-400 dark:text-zinc-500' : ''
                  }`}
                >
                  <input id={id} type="checkbox" name="sector" value={value} defaultChecked={f.selected} className="size-4 accent-accent-600" />
                  <span className="min-w-0 flex-1 truncate">{f.name}</span>
                  <span className="text-xs tabular-nums text-zinc-500" aria-label={`${facetsCapped ? 'at least ' : ''}${f.count} people`}>
                    {f.count.toLocaleString(locale)}
                    {facetsCapped && f.count > 0 ? '+' : ''}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div>
        <label htmlFor="organisation" className={legend}>
          Organisation
        </label>
        <OrganisationInput defaultValue={params.organisation[0] ? orgName(params.organisation[0]) : ''} className={inputClass} />
      </div>
      <div>
        <label htmlFor="role" className={legend}>
          Role contains
        </label>
        <input id="role" name="role" defaultValue={params.role ?? ''} className={inputClass} placeholder="e.g. head of" maxLength={200} />
      </div>
      <div>
        <label htmlFor="event" className={legend}>
          Met at
        </label>
        <select id="event" name="event" defaultValue={params.event ?? ''} className={inputClass}>
          <option value="">Any event</option>
          {options.events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} · {formatDate(e.startsAt, locale, timeZone, 'medium')}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="topic" className={legend}>
          Topic discussed
        </label>
        <input id="topic" name="topic" list="topic-options" defaultValue={params.topic ?? ''} className={inputClass} autoComplete="off" maxLength={200} />
        <datalist id="topic-options">
          {options.topics.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="met" className={legend}>
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
