'use client';

import Link from 'next/link';
import { OffTheRecordButton } from '@/app/_components/facts/off-the-record-button';

/** One fact of the /facts list, already worded on the server (the date in the user's locale and time zone). */
export interface FactRow {
  id: string;
  text: string;
  offTheRecord: boolean;
  speaker: { id: string; name: string } | null;
  /** The speaker's organisation, unless the speaker's name already says it ("Head of IT, BBC"). */
  organisation: { id: string; name: string } | null;
  event: { id: string; title: string };
  /** When the event started: ISO for the <time> element, and as the user reads dates. */
  at: string;
  date: string;
}

/**
 * The facts of a /facts page. A client component only so that the page's RSC payload carries each fact's few
 * strings rather than its whole element tree beside the HTML (a page of 30 facts was 109 KB, 48 KB of it that
 * payload); the HTML is rendered on the server all the same. Only the off-the-record button runs after hydration.
 * The row's classes are named once in app/globals.css (.fl-*).
 */
export function FactList({ rows }: { rows: FactRow[] }) {
  return (
    <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {rows.map((f) => (
        <li key={f.id} className="fl-row">
          <div className="min-w-0 flex-1 basis-0">
            <p className={f.offTheRecord ? 'fl-text italic' : 'fl-text'}>{f.text}</p>
            <p className="fl-meta">
              {f.speaker ? (
                <Link href={`/people/${f.speaker.id}`} className="font-medium hover:underline">
                  {f.speaker.name}
                </Link>
              ) : (
                'Unattributed'
              )}
              {f.organisation ? (
                <>
                  {' · '}
                  <Link href={`/organisations/${f.organisation.id}`} className="hover:underline">
                    {f.organisation.name}
                  </Link>
                </>
              ) : null}
              {' · '}
              <Link href={`/events/${f.event.id}`} className="hover:underline">
                {f.event.title}
              </Link>
              {' · '}
              <time dateTime={f.at}>{f.date}</time>
            </p>
          </div>
          <OffTheRecordButton id={f.id} offTheRecord={f.offTheRecord} label={f.text.slice(0, 80)} />
        </li>
      ))}
    </ul>
  );
}
