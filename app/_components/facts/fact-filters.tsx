'use client';

import { ChevronDown } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/app/_components/ui/button-class';
import { inputClass, labelClass } from '@/app/_components/ui/field';

type Key = 'speaker' | 'organisation' | 'sector' | 'topic' | 'event';
type Choice = { id: string; name: string };

export interface FactFilter {
  key: Key;
  title: string;
  any: string;
  /** What the page applies now (checked to be the user's); shown before the full choices arrive. */
  selected: Choice | null;
}

/** /api/v1/facts/filters answers with one list per filter, named in the plural. */
const LIST: Record<Key, string> = { speaker: 'speakers', organisation: 'organisations', sector: 'sectors', topic: 'topics', event: 'events' };

/**
 * The /facts filters. Their choices (the speakers, organisations, sectors, topics and events that have facts) are
 * loaded when the filters are first opened, not with every search: at 100,000 people finding them costs more than the
 * search itself, and most searches never open them. Until then each list holds "any" and what is selected, so the form
 * still submits the filters in force.
 */
export function FactFilters({ filters, active }: { filters: FactFilter[]; active: number }) {
  const [values, setValues] = useState<Record<Key, string>>(() => Object.fromEntries(filters.map((f) => [f.key, f.selected?.id ?? ''])) as Record<Key, string>);
  const [choices, setChoices] = useState<Partial<Record<Key, Choice[]>> | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');

  // What the choices are asked for: the selected ids, as a string, so a re-render with the same filters (a page
  // link, a tap that refreshes the page) neither changes `load` nor fetches again.
  const query = new URLSearchParams(filters.flatMap((f) => (f.selected ? [[f.key, f.selected.id]] : []))).toString();
  const started = useRef(false);
  const load = useCallback(async () => {
    started.current = true;
    setState('loading');
    try {
      const res = await fetch(`/api/v1/facts/filters?${query}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as Record<string, Choice[]>;
      setChoices(Object.fromEntries((Object.keys(LIST) as Key[]).map((k) => [k, body[LIST[k]] ?? []])));
      setState('idle');
    } catch {
      started.current = false;
      setState('failed');
    }
  }, [query]);

  // Filters open at first (some are in force), or opened before the page came alive, load their choices at once.
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current?.open && !started.current) void load();
  }, [load]);

  return (
    <details
      ref={details}
      open={active > 0}
      className="group"
      onToggle={(e) => {
        if (e.currentTarget.open && !started.current) void load();
      }}
    >
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-zinc-700 md:min-h-9 dark:text-zinc-300">
        Filters{active ? ` (${active})` : ''}
        <ChevronDown aria-hidden className="ml-1 size-4 transition-transform group-open:rotate-180" />
      </summary>
      <div className="mt-2 space-y-3" aria-busy={state === 'loading'}>
        {filters.map((f) => {
          const items = choices?.[f.key] ?? (f.selected ? [f.selected] : []);
          return (
            <div key={f.key}>
              <label htmlFor={`filter-${f.key}`} className={labelClass}>
                {f.title}
              </label>
              <select
                id={`filter-${f.key}`}
                name={f.key}
                value={values[f.key]}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                className={inputClass}
              >
                <option value="">{f.any}</option>
                {items.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        {/* Always present, so that a screen reader announces the words when they appear. */}
        <p role="status" className={state === 'loading' ? 'text-sm text-zinc-600 dark:text-zinc-400' : 'sr-only'}>
          {state === 'loading' ? 'Loading the choices…' : ''}
        </p>
        {state === 'failed' ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Could not load the choices.{' '}
            <button type="button" onClick={() => void load()} className="min-h-11 font-medium underline underline-offset-2 md:min-h-0">
              Try again
            </button>
          </p>
        ) : null}
        <button type="submit" className={buttonClass('secondary', 'w-full')}>
          Apply filters
        </button>
      </div>
    </details>
  );
}
