'use client';

import Link from 'next/link';
import { EVENT_TEXT, eventToDraft, type EventBase, type EventDraft, type PersonDraft } from '@/lib/events/draft';
import { displayName } from '@/lib/people/display-name';
import type { EventJson } from '@/lib/events/queries';
import { Button } from '@/app/_components/ui/button';

const label = (p: PersonDraft) => displayName({ ...p, organisationName: p.organisation });

/** How the notice names each of the event's own fields: every one the merge compares (EVENT_TEXT) has a label. */
const LABELS: Record<(typeof EVENT_TEXT)[number], string> = {
  title: 'Title',
  date: 'Date',
  time: 'Start time',
  endTime: 'End time',
  venue: 'Venue',
  host: 'Host',
  series: 'Series',
  summary: 'Summary',
  reflection: 'Reflection',
};

const list = (items: string[]) => items.join(', ') || '(none)';

/**
 * What the other device saved, beside what this one has; the user's text stays in the form below. With the copy the
 * edit started from (`base`), the event's own fields are listed where the other device changed them: taken into the
 * form when the user had left them alone (`mine` null), side by side when both changed them.
 */
export function ConflictNotice({ theirs, mine, base, onKeepMine }: { theirs: EventJson; mine: EventDraft; base?: EventBase; onKeepMine: () => void }) {
  const other = eventToDraft(theirs);
  const rows: { label: string; theirs: string; mine: string | null }[] = [];
  const field = (label: string, a: string, b: string, was: string | undefined) => {
    if (was !== undefined && a.trim() === was.trim()) return;
    if (a.trim() !== b.trim()) rows.push({ label, theirs: a || '(empty)', mine: b || '(empty)' });
    else if (was !== undefined) rows.push({ label, theirs: a || '(empty)', mine: null });
  };
  for (const key of EVENT_TEXT) field(LABELS[key], String(other[key] ?? ''), String(mine[key] ?? ''), base ? String(base[key] ?? '') : undefined);
  field('Topics', list(other.topics), list(mine.topics), base ? list(base.topics) : undefined);
  const compare = (label: string, a: string[], b: string[]) => {
    if (list(a) !== list(b)) rows.push({ label, theirs: list(a), mine: list(b) });
  };
  compare('People', other.people.map(label), mine.people.filter((p) => p.id || p.name || p.role || p.organisation).map(label));
  compare(
    'Facts',
    other.insights.map((i) => i.text),
    mine.insights.filter((i) => i.text.trim()).map((i) => i.text),
  );
  compare(
    'Follow-ups',
    other.followUps.map((f) => f.action),
    mine.followUps.filter((f) => f.action.trim()).map((f) => f.action),
  );
  // A known person's details the user changed here, where they now differ from what is on record.
  for (const p of mine.people) {
    const now = p.id && p.base ? other.people.find((o) => o.id === p.id) : undefined;
    if (!now || !p.base) continue;
    for (const [key, field] of [
      ['name', 'name'],
      ['role', 'role'],
      ['organisation', 'organisation'],
      ['email', 'email'],
    ] as const) {
      if (p[key].trim() !== p.base[key].trim() && p[key].trim() !== now[key].trim()) {
        rows.push({ label: `${label(now)}: ${field}`, theirs: now[key] || '(empty)', mine: p[key] || '(empty)' });
      }
    }
  }

  return (
    <section aria-labelledby="conflict-title" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950/40">
      <h2 id="conflict-title" className="text-base font-semibold">
        Changed on another device
      </h2>
      <p className="mt-1">
        Someone saved this event after you opened it. What you changed is still in the form below, and what you left alone now shows their copy. What they
        changed:
      </p>
      {rows.length ? (
        <dl className="mt-3 space-y-2">
          {rows.map((r) => (
            <div key={r.label} className="rounded-lg bg-white/70 p-2 dark:bg-zinc-900/60">
              <dt className="font-medium">{r.label}</dt>
              <dd className="mt-0.5 wrap-anywhere">
                <span className="text-zinc-500">Saved elsewhere:</span> {r.theirs}
              </dd>
              {r.mine === null ? (
                <dd className="text-zinc-500">You had not changed it: the form below now shows theirs.</dd>
              ) : (
                <dd className="wrap-anywhere">
                  <span className="text-zinc-500">Yours:</span> {r.mine}
                </dd>
              )}
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2">The other save made the same changes as yours.</p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine}>
          Save mine over theirs
        </Button>
        <Link href={`/events/${theirs.id}`} className="inline-flex min-h-11 items-center px-2 font-medium underline">
          See their version
        </Link>
      </div>
    </section>
  );
}
