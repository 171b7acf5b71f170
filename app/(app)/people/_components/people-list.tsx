'use client';

import Link from 'next/link';

/** One row of the People list, already worded on the server (dates in the user's locale and time zone). */
export interface PersonRow {
  id: string;
  /** The name, or the description that stands for one ("Head of IT, Leeds City Council"). */
  title: string;
  /** Role and organisation for a named person, else the sector; null when there is neither (no empty line). */
  detail: string | null;
  /** The sector of a named person (shown in the right-hand column), or null. */
  sector: string | null;
  /** "Met 23 Apr 2026" or "Not met yet" (or "Added 2 Dec 2026" in a list sorted by when added). */
  met: string;
  /** Why a search found them, when the words are not on the row ("Talked about Legacy modernisation"), or null. */
  matched: string | null;
}

/**
 * The results of a People search. A client component only so that the page's RSC payload carries these few
 * strings per person instead of the whole element tree of each row (the rows were over half of the payload): the
 * HTML is rendered on the server all the same, and nothing here runs code after hydration. Each row's classes are
 * named once in app/globals.css (.pl-*), its chevron drawn there too, rather than spelled out in every row's HTML.
 */
export function PeopleList({ rows }: { rows: PersonRow[] }) {
  return (
    <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {rows.map((p) => (
        <li key={p.id}>
          <Link href={`/people/${p.id}`} className="pl-row">
            <div className="min-w-0 flex-1">
              <p className="line-clamp-2 font-medium break-words">{p.title}</p>
              {p.detail ? <p className="pl-detail">{p.detail}</p> : null}
              {p.matched ? <p className="pl-match">{p.matched}</p> : null}
              {/* On a phone the right-hand column is hidden: the sector and when you met go on a line of their own. */}
              <p className="pl-phone">{[p.sector, p.met].filter(Boolean).join(' · ')}</p>
            </div>
            <div className="pl-side">
              {p.sector ? <p>{p.sector}</p> : null}
              <p>{p.met}</p>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
