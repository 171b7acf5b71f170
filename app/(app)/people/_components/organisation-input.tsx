'use client';

import { useLiveSearch } from '@/app/_components/ui/use-live-search';

const organisationsUrl = (q: string) => `/api/v1/organisations?${new URLSearchParams({ q, limit: '20' })}`;
const readNames = (body: unknown) => (body as { items: { name: string }[] }).items.map((o) => o.name);

/**
 * The organisation filter: free text (people at organisations whose name contains it), with suggestions fetched
 * from the user's organisations as they type. Listing every organisation in the page instead made it twice the
 * size for an address book of thousands.
 */
export function OrganisationInput({ defaultValue, className }: { defaultValue: string; className: string }) {
  const { items: suggestions, search: suggest } = useLiveSearch(organisationsUrl, readNames);

  return (
    <>
      <input
        id="organisation"
        name="organisation"
        list="organisation-options"
        defaultValue={defaultValue}
        onChange={(e) => suggest(e.target.value)}
        className={className}
        autoComplete="off"
        maxLength={200}
      />
      <datalist id="organisation-options">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
