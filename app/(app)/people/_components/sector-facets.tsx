'use client';

import { labelClass } from '@/app/_components/ui/field';

/** One sector to filter by, with its count, worded on the server. */
export interface SectorChoice {
  /** The checkbox's id and value: the sector's name, or the "no sector" token. */
  id: string;
  value: string;
  name: string;
  count: number;
  selected: boolean;
}

/**
 * The sector checkboxes of the People filters. A client component only so that the page's RSC payload carries a few
 * values per sector rather than each row's element tree a second time; the HTML is rendered on the server as before.
 */
export function SectorFacets({ sectors, capped, locale }: { sectors: SectorChoice[]; capped: boolean; locale: string }) {
  return (
    <fieldset>
      <legend className={labelClass}>Sector</legend>
      <ul className="space-y-0.5">
        {sectors.map((f) => (
          <li key={f.id}>
            <label htmlFor={f.id} className={`facet-row ${f.count === 0 && !f.selected ? 'text-zinc-400 dark:text-zinc-500' : ''}`}>
              <input id={f.id} type="checkbox" name="sector" value={f.value} defaultChecked={f.selected} className="size-4 accent-accent-600" />
              <span className="min-w-0 flex-1 truncate">{f.name}</span>
              <span
                className="text-xs tabular-nums text-zinc-500"
                aria-label={`${capped ? 'at least ' : ''}${f.count} ${f.count === 1 && !capped ? 'person' : 'people'}`}
              >
                {f.count.toLocaleString(locale)}
                {capped && f.count > 0 ? '+' : ''}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
