'use client';

import Link from 'next/link';

/** One person of the "Before you go" brief, already worded on the server (dates in the user's zone and locale). */
export interface BriefCard {
  id: string;
  name: string;
  /** Role and organisation, or empty (also when it would repeat `name`). */
  about: string;
  /** "Met 3 times, last on …", "Last met …" or "Not met yet". */
  met: string;
  /** Added to this event: "expected", or once the evening is over, "was there". */
  expected: string | null;
  followUps: { id: string; action: string; due: string | null }[];
  conversations: { key: string; heading: string; topics: string; notes: string | null }[];
  facts: { id: string; text: string; eventTitle: string }[];
  /** Contacts logged outside any event, newest first: "Coffee · Wednesday 2 December 2026" and the note. */
  interactions: { id: string; heading: string; note: string | null }[];
}

/**
 * A client component only so that the page's RSC payload carries each person's words once, as data, rather than
 * their whole element tree beside the HTML (a brief of 30 people was 140 KB, more than half of it that payload).
 * The HTML is rendered on the server as before, and it has no state.
 */
export function BriefPerson({ p }: { p: BriefCard }) {
  // Evenings with nothing written down are one line ("Also at: …"), not a "No notes." each: a brief of twenty people
  // was pages of them.
  const said = p.conversations.filter((c) => c.topics || c.notes);
  const bare = p.conversations.filter((c) => !c.topics && !c.notes);
  return (
    <li className="brief-card">
      <h3 className="font-semibold">
        <Link href={`/people/${p.id}`} className="hover:underline">
          {p.name}
        </Link>
        {/* A space, not only a margin: read aloud (and copied) it is "Priya Patel · was there", not "Patelwas". */}
        {p.expected ? (
          <>
            {' '}
            <span className="ml-1 text-xs font-normal brief-muted">· {p.expected}</span>
          </>
        ) : null}
      </h3>
      {p.about ? <p className="text-sm brief-muted">{p.about}</p> : null}
      <p className="mt-1 text-sm brief-muted">{p.met}</p>
      {p.followUps.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">Open follow-ups</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {p.followUps.map((f) => (
              <li key={f.id}>
                <Link href={`/follow-ups/${f.id}`} className="hover:underline">
                  {f.action}
                </Link>
                {f.due ? <span className="brief-muted"> (due {f.due})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {said.length || p.interactions.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">What you talked about</h4>
          {/* Notes are pasted text: a long link in one wraps rather than widening the card past a phone's screen. */}
          <ul className="mt-1 space-y-2 text-sm wrap-anywhere">
            {said.map((c) => (
              <li key={c.key}>
                <p className="text-xs brief-muted">{c.heading}</p>
                {c.topics ? <p>Topics: {c.topics}</p> : null}
                {c.notes ? <p className="whitespace-pre-line">{c.notes}</p> : null}
              </li>
            ))}
            {p.interactions.map((i) => (
              <li key={i.id}>
                <p className="text-xs brief-muted">{i.heading}</p>
                {i.note ? <p className="whitespace-pre-line">{i.note}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {bare.length ? (
        <p className="mt-2 text-xs brief-muted">
          {said.length || p.interactions.length ? 'Also at' : 'At'} {bare.map((c) => c.heading).join('; ')}, with no notes.
        </p>
      ) : null}
      {p.facts.length ? (
        <div className="mt-3">
          <h4 className="text-sm font-medium">Facts they gave</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {p.facts.map((f) => (
              <li key={f.id}>
                {f.text} <span className="text-xs brief-muted">({f.eventTitle})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
