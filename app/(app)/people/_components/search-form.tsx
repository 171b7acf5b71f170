'use client';

import { Search, SlidersHorizontal, X } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react';
import { queryOf } from '@/app/_components/forms/query-of';
import { inputClass, labelClass } from '@/app/_components/ui/field';
import { SEARCH_FORM_ID } from './sort-select';

/**
 * The search box and filters. Everything lives in the URL: filters push a history entry (so Back undoes
 * them), typing replaces it after a pause. Without JavaScript it is a plain GET form.
 */
export function SearchForm({
  q,
  activeFilters,
  found,
  children,
}: {
  q: string;
  activeFilters: number;
  /** How many the results hold ("2 people"), for the phone's button that closes the filters on them. */
  found: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [pending, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const panelId = useId();

  const searchParams = useSearchParams();
  useEffect(() => () => clearTimeout(timer.current), []);
  // Back and Forward change the URL without remounting: bring the controls in line with it, except the one
  // the user is typing in.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    for (const el of Array.from(form.elements)) {
      if (el === document.activeElement || !(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name) continue;
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = searchParams.getAll(el.name).includes(el.value);
      else if (!(el.name === 'organisation' && el.value && searchParams.get('organisation'))) el.value = searchParams.get(el.name) ?? '';
    }
  }, [searchParams]);

  const go = (mode: 'push' | 'replace') => {
    const form = formRef.current;
    if (!form) return;
    const qs = queryOf(form);
    startTransition(() => router[mode](qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };

  return (
    <form
      ref={formRef}
      id={SEARCH_FORM_ID}
      role="search"
      action={pathname}
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        go('push');
      }}
      onChange={(e) => {
        const target = e.target as HTMLElement;
        if (target instanceof HTMLInputElement && (target.type === 'search' || target.type === 'text')) {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => go('replace'), 350);
        } else {
          go('push');
        }
      }}
      className="space-y-3"
      aria-busy={pending || undefined}
    >
      <div>
        <label htmlFor="q" className={labelClass}>
          Search people
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Name, role, organisation, topic…"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            className={`${inputClass} pl-9`}
          />
        </div>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Typos are fine: &ldquo;departmnt for educaton&rdquo; works.</p>
      </div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex min-h-11 w-full items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 text-sm font-medium md:hidden dark:border-zinc-700 dark:bg-zinc-900"
      >
        <SlidersHorizontal aria-hidden className="size-4" />
        {open ? 'Hide filters' : 'Show filters'}
        {activeFilters ? <span className="ml-auto rounded-full bg-accent-600 px-2 text-xs text-white">{activeFilters} on</span> : null}
      </button>
      <div id={panelId} className={`${open ? '' : 'hidden'} space-y-4 md:block`}>
        {children}
        {/* On a phone the results are below every filter: a filter ticked changes nothing in sight. This closes the
            panel on them, and says how many there are as it changes (above the tab bar, while the panel scrolls). */}
        <div className="sticky bottom-20 pt-1 md:hidden">
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              requestAnimationFrame(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }));
            }}
            className="flex min-h-12 w-full items-center justify-center rounded-lg bg-accent-600 px-4 text-sm font-semibold text-white shadow-lg"
          >
            Show {found}
          </button>
        </div>
      </div>
      <noscript>
        <button type="submit" className="min-h-11 rounded-lg bg-accent-600 px-4 text-sm font-medium text-white">
          Apply
        </button>
      </noscript>
      {pending ? (
        <p role="status" className="text-xs text-zinc-500">
          Searching…
        </p>
      ) : null}
    </form>
  );
}

/** Clears every filter and the query. */
export function ClearLink({ href }: { href: string }) {
  return (
    <a href={href} className="inline-flex min-h-11 items-center gap-1 text-sm text-accent-700 hover:underline dark:text-accent-400">
      <X aria-hidden className="size-4" />
      Clear search and filters
    </a>
  );
}
