'use client';

import type { PeopleSort } from '@/lib/people/validation';

/** The id of the People page's search form, which the sort control belongs to from beside the results. */
export const SEARCH_FORM_ID = 'people-search';

/**
 * How the list is ordered, beside its count: part of the search form (its value travels in the URL with the rest),
 * sent as soon as it changes. Without JavaScript, the form's Apply button sends it.
 */
export function SortSelect({ value, searching }: { value: PeopleSort | undefined; searching: boolean }) {
  // The same element whatever the page shows next, so focus stays on it; the search form keeps its value in line with
  // the URL (Back, Forward) unless it has focus.
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor="sort" className="text-zinc-600 dark:text-zinc-400">
        Sort
      </label>
      <select
        id="sort"
        name="sort"
        form={SEARCH_FORM_ID}
        defaultValue={value ?? ''}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className="min-h-11 rounded-lg border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">{searching ? 'Best match' : 'Last met'}</option>
        {/* With no words, last met is the list's own order: one choice says so (this one stays for ?sort=met). */}
        <option value="met" hidden={!searching}>
          Last met
        </option>
        <option value="name">Name, A to Z</option>
        <option value="added">Newest added</option>
      </select>
      <noscript>
        <button type="submit" form={SEARCH_FORM_ID} className="min-h-11 rounded-lg border border-zinc-300 px-3 dark:border-zinc-700">
          Sort
        </button>
      </noscript>
    </div>
  );
}
