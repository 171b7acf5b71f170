'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { inputClass } from '@/app/_components/ui/field';
import type { PreviewRow } from '@/lib/import/run';
import { groupSector, organisationGroups } from '@/lib/import/sector-groups';
import { displayName } from '@/lib/people/display-name';
import { OrganisationSectors, SectorOptions, type ChooseSector } from './organisation-sectors';

const PAGE = 100;
const ACTION_STYLE: Record<string, string> = {
  create: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  update: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  skip: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};
const ACTION_WORD: Record<string, string> = { create: 'New', update: 'Update', skip: 'Skip' };

/**
 * The preview, row by row, 100 at a time: what each would do and why. The sector is chosen once per organisation
 * (the organisation learns it when it has none), and row by row only for people with no organisation.
 */
export function PreviewRows({
  rows,
  sectors,
  choices,
  onChoose,
}: {
  rows: PreviewRow[];
  sectors: string[];
  choices: Record<number, string>;
  onChoose: ChooseSector;
}) {
  const [shown, setShown] = useState(PAGE);
  const groups = useMemo(() => organisationGroups(rows), [rows]);
  const groupOf = useMemo(() => new Map(groups.flatMap((g) => g.lines.map((line) => [line, g] as const))), [groups]);
  const sectorOf = (r: PreviewRow) => (r.line in choices ? choices[r.line]! : (r.sector ?? ''));
  return (
    <>
      <OrganisationSectors groups={groups} sectors={sectors} choices={choices} onChoose={onChoose} />
      <Card>
        <h2 className="mb-2 text-base font-semibold">Row by row</h2>
        <ol aria-label="What each row would do" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.slice(0, shown).map((r) => {
            const label = displayName({ name: r.name, role: r.role, organisationName: r.organisation });
            const group = groupOf.get(r.line);
            return (
              <li key={r.line} className="grid gap-2 py-2 sm:grid-cols-[1fr_12rem] sm:items-center">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ACTION_STYLE[r.action]}`}>{ACTION_WORD[r.action]}</span>
                    <span className="font-medium break-words">{label}</span>
                    <span className="text-xs text-zinc-500">line {r.line}</span>
                  </p>
                  <p className="text-xs break-words text-zinc-600 dark:text-zinc-400">
                    {[r.role, r.organisation, r.email].filter(Boolean).join(' · ')}
                    {r.action !== 'create' ? ` — ${r.reason}` : ''}
                  </p>
                  {r.topics?.length ? <p className="text-xs break-words text-zinc-600 dark:text-zinc-400">Topics: {r.topics.join(', ')}</p> : null}
                  {r.sectorGuess && !group && sectorOf(r) === r.sector ? (
                    <p className="text-xs break-words text-zinc-600 dark:text-zinc-400">
                      {r.sector} guessed {r.sectorGuess}
                    </p>
                  ) : null}
                  {r.warnings?.map((w, i) => (
                    <p key={i} className="text-xs break-words text-amber-800 dark:text-amber-300">
                      {w}
                    </p>
                  ))}
                </div>
                {r.action === 'skip' ? (
                  <span className="text-xs text-zinc-500">{r.sector ?? ''}</span>
                ) : group ? (
                  // Chosen above, for the whole organisation: with none of their own, people follow the organisation's.
                  <span className="text-xs text-zinc-500">{sectorOf(r) || group.ownSector || groupSector(group, choices) || 'No sector'}</span>
                ) : (
                  <div>
                    <label htmlFor={`sector-${r.line}`} className="sr-only">
                      Sector for {label}
                    </label>
                    <select id={`sector-${r.line}`} value={sectorOf(r)} onChange={(e) => onChoose([r.line], e.target.value)} className={inputClass}>
                      <SectorOptions sectors={sectors} />
                    </select>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        {rows.length > shown ? (
          <Button variant="secondary" className="mt-3" onClick={() => setShown(shown + PAGE)}>
            Show {Math.min(PAGE, rows.length - shown)} more of {rows.length.toLocaleString()}
          </Button>
        ) : null}
      </Card>
    </>
  );
}

/** Errors by line. */
export function ErrorList({ errors }: { errors: { line: number; message: string }[] }) {
  if (!errors.length) return null;
  return (
    <ul className="mt-2 max-h-60 space-y-1 overflow-y-auto text-sm">
      {errors.slice(0, 200).map((e, i) => (
        <li key={`${e.line}-${i}`}>
          <span className="font-medium">Line {e.line}:</span> {e.message}
        </li>
      ))}
      {errors.length > 200 ? <li>…and {errors.length - 200} more.</li> : null}
    </ul>
  );
}

/** Rows written otherwise than the file has them, and why (a restored post that comes back a draft, say). */
export function Notes({ notes }: { notes?: string[] }) {
  if (!notes?.length) return null;
  return (
    <div className="mt-3 rounded-lg border border-amber-300 p-3 dark:border-amber-900">
      <h3 className="text-sm font-semibold">{notes.length === 1 ? 'One row is' : `${notes.length} rows are`} written differently from the file</h3>
      <ul className="mt-2 max-h-60 space-y-1 overflow-y-auto text-sm">
        {notes.slice(0, 200).map((n, i) => (
          <li key={i}>{n}</li>
        ))}
        {notes.length > 200 ? <li>…and {notes.length - 200} more.</li> : null}
      </ul>
    </div>
  );
}
