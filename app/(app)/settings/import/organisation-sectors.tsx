'use client';

import { ChevronDown } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { inputClass, labelClass } from '@/app/_components/ui/field';
import type { SectorChoices } from '@/lib/import/plan';
import { groupSector, organisationCounts, organisationsWithoutSector, type OrganisationGroup } from '@/lib/import/sector-groups';
import { countOf } from '@/lib/import/words';

/** Up to this many organisations are listed open; more are summed up, with a choice for all, and listed on request. */
const FEW = 8;
const PAGE = 100;

/** Sets (a sector) or takes back (null) the choice for these lines of the file. */
export type ChooseSector = (lines: number[], sector: string | null) => void;

export function SectorOptions({ sectors, organisationSector = null }: { sectors: string[]; organisationSector?: string | null }) {
  return (
    <>
      <option value="">No sector</option>
      {sectors.map((s) => (
        <option key={s} value={s}>
          {s}
          {s === organisationSector ? ' (the organisation’s)' : ''}
        </option>
      ))}
    </>
  );
}

/**
 * The sector of each organisation named in the file, chosen once for all its people. A handful are listed as they
 * are; more (a CSV can bring hundreds) are summed up in a closed list, with one choice for every organisation still
 * without a sector, so that a phone does not show a wall of selects before the first person.
 */
export function OrganisationSectors({
  groups,
  sectors,
  choices,
  onChoose,
}: {
  groups: OrganisationGroup[];
  sectors: string[];
  choices: SectorChoices;
  onChoose: ChooseSector;
}) {
  // Here rather than in the list, so that "show more" stays as it was when the list is closed and opened again.
  const [shown, setShown] = useState(PAGE);
  if (!groups.length) return null;
  const list = (
    <>
      <ul aria-label="Sector by organisation" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {groups.slice(0, shown).map((g) => (
          <li key={g.lines[0]} className="grid gap-1 py-2 sm:grid-cols-[1fr_12rem] sm:items-center sm:gap-2">
            <label htmlFor={`org-sector-${g.lines[0]}`} className="min-w-0 text-sm">
              <span className="sr-only">Sector for </span>
              <span className="font-medium break-words">{g.name}</span>{' '}
              <span className="text-xs text-zinc-500">({countOf(g.lines.length, 'person', 'people')})</span>
              {g.guessedWhy && groupSector(g, choices) === g.suggested ? (
                <span className="block text-xs break-words text-zinc-600 dark:text-zinc-400">
                  {g.suggested} guessed {g.guessedWhy}
                </span>
              ) : null}
              {g.writtenAs.length ? (
                <span className="block text-xs break-words text-zinc-600 dark:text-zinc-400">
                  Written {g.writtenAs.map((w) => `“${w}”`).join(', ')} in the file
                </span>
              ) : null}
            </label>
            <select id={`org-sector-${g.lines[0]}`} value={groupSector(g, choices)} onChange={(e) => onChoose(g.lines, e.target.value)} className={inputClass}>
              <SectorOptions sectors={sectors} organisationSector={g.ownSector} />
            </select>
          </li>
        ))}
      </ul>
      {groups.length > shown ? (
        <Button variant="secondary" className="mt-3" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, groups.length - shown)} more of {groups.length.toLocaleString('en-GB')} organisations
        </Button>
      ) : null}
    </>
  );
  const counts = organisationCounts(groups, choices);
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold">Sector by organisation</h2>
      <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
        One choice for everyone at an organisation. An organisation with no sector yet is filed under it; one that has a sector keeps it, and a different choice
        goes on its people only.
      </p>
      {groups.length <= FEW ? (
        list
      ) : (
        <>
          {sectors.length ? <SetEveryUnset groups={groups} sectors={sectors} choices={choices} onChoose={onChoose} /> : null}
          {/* Closed, it keeps its selects (and what was chosen in them): the choices live in the import flow. */}
          <details className="group mt-3 rounded-lg border border-zinc-200 dark:border-zinc-800">
            <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-3 py-2 [&::-webkit-details-marker]:hidden">
              <span className="min-w-0 flex-1">
                <span className="block text-sm font-medium">Choose sectors one by one</span>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {countOf(counts.all, 'organisation')}
                  {counts.new ? `, ${counts.new.toLocaleString('en-GB')} of them new` : ''} · {counts.withSector.toLocaleString('en-GB')} with a sector ·{' '}
                  {(counts.all - counts.withSector).toLocaleString('en-GB')} without
                </span>
              </span>
              <ChevronDown aria-hidden className="size-4 shrink-0 text-zinc-500 transition-transform group-open:rotate-180" />
            </summary>
            <div className="border-t border-zinc-200 px-3 pb-3 dark:border-zinc-800">{list}</div>
          </details>
        </>
      )}
    </Card>
  );
}

/**
 * One sector for every organisation still without one, applied here in the browser to the choices the import sends:
 * those with a sector (their own, or from the file) and those already chosen, "No sector" too, are left alone. It
 * can be undone while nothing else has been chosen for them since.
 */
function SetEveryUnset({
  groups,
  sectors,
  choices,
  onChoose,
}: {
  groups: OrganisationGroup[];
  sectors: string[];
  choices: SectorChoices;
  onChoose: ChooseSector;
}) {
  const [sector, setSector] = useState('');
  const [message, setMessage] = useState('');
  const [applied, setApplied] = useState<{ sector: string; lines: number[] } | null>(null);
  const applyRef = useRef<HTMLButtonElement>(null);
  const unset = organisationsWithoutSector(groups, choices);

  // The button is never disabled: a keyboard user's focus would fall off the page with it; it says why instead.
  function apply() {
    if (!sector) setMessage('Choose a sector first.');
    else if (!unset.length) setMessage('Every organisation has a sector already.');
    else {
      const lines = unset.flatMap((g) => g.lines);
      onChoose(lines, sector);
      setApplied({ sector, lines });
      setMessage(`${countOf(unset.length, 'organisation')} set to ${sector}.`);
    }
  }

  function undo() {
    if (!applied) return;
    // Only those that still read what was set: one changed since is the user's own choice now.
    const still = applied.lines.filter((l) => choices[l] === applied.sector);
    const count = groups.filter((g) => g.lines.some((l) => still.includes(l))).length;
    onChoose(still, null);
    setApplied(null);
    setMessage(`Undone: ${countOf(count, 'organisation')} without a sector again.`);
    applyRef.current?.focus();
  }

  return (
    <div className="mt-3 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-800/50">
      <label htmlFor="org-sector-every" className={labelClass}>
        Set the sector of every organisation without one
      </label>
      <p id="org-sector-every-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {unset.length ? `${countOf(unset.length, 'organisation')} without a sector. ` : 'Every organisation has a sector. '}
        Those with one (from the file or your address book), and those you chose for, are left as they are.
      </p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <select
          id="org-sector-every"
          value={sector}
          onChange={(e) => setSector(e.target.value)}
          aria-describedby="org-sector-every-hint"
          className={`${inputClass} sm:flex-1`}
        >
          <option value="">Choose a sector</option>
          {sectors.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <Button ref={applyRef} variant="secondary" onClick={apply}>
          {/* None left without one: not "Set for 0 organisations"; pressed, it says why it does nothing. */}
          {unset.length ? `Set for ${countOf(unset.length, 'organisation')}` : 'Set'}
        </Button>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3">
        {/* Always present, so that a screen reader announces the words when they appear. */}
        <p role="status" className="text-sm">
          {message}
        </p>
        {/* Only while something it set still stands: once each was chosen again by hand there is nothing to undo. */}
        {applied && applied.lines.some((l) => choices[l] === applied.sector) ? (
          <button
            type="button"
            onClick={undo}
            aria-label={`Undo setting ${applied.sector} for every organisation without a sector`}
            className="min-h-11 text-sm font-medium underline underline-offset-2 md:min-h-0"
          >
            Undo
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** How many organisations written otherwise are named in the notice; the rest are counted. */
const SPELT_SHOWN = 5;

/**
 * The organisations the file writes otherwise than the address book (or than its own first row) does, which the import
 * files under one: said with what the preview would write, whether or not sectors are chosen, so that nobody looks for
 * "HM Revenue & Customs" among the new ones; and again in the import's result (`done`).
 */
export function SpeltOtherwise({ spelt, done = false }: { spelt: OrganisationGroup[]; done?: boolean }) {
  if (!spelt.length) return null;
  const rest = spelt.length - SPELT_SHOWN;
  const one = spelt.length === 1;
  return (
    <div className="mt-3 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
      <p className="font-medium">
        {one ? 'One organisation' : `${spelt.length.toLocaleString('en-GB')} organisations`} {done ? (one ? 'was' : 'were') : one ? 'is' : 'are'} written
        differently in the file
      </p>
      <p className="text-xs text-zinc-700 dark:text-zinc-300">
        {done ? 'Their people were filed' : 'Their people are filed'} under the one name, so nobody is split between two.
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs break-words">
        {spelt.slice(0, SPELT_SHOWN).map((g) => (
          <li key={g.lines[0]}>
            {g.writtenAs.map((w) => `“${w}”`).join(', ')} → <span className="font-medium">{g.name}</span>
            {g.isNew ? ' (new)' : ' (one you have)'}
          </li>
        ))}
        {rest > 0 ? <li>…and {rest.toLocaleString('en-GB')} more</li> : null}
      </ul>
    </div>
  );
}
