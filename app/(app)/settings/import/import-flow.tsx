'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Button, ButtonLink } from '@/app/_components/ui/button';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Card } from '@/app/_components/ui/card';
import { inputClass } from '@/app/_components/ui/field';
import type { ImportSummary } from '@/lib/import/apply';
import type { ImportPreview } from '@/lib/import/run';
import { organisationGroups, withSector, type OrganisationGroup } from '@/lib/import/sector-groups';
import { countOf, summaryWords } from '@/lib/import/words';
import { SpeltOtherwise } from './organisation-sectors';
import { useImportShown } from './shown';
import { ErrorList, Notes, PreviewRows } from './preview-rows';
import { UndoImport } from '@/app/_components/import/undo-import';

type Kind = ImportPreview['kind'];
type Stage =
  | { step: 'choose'; error?: string }
  | { step: 'reading'; name: string }
  // `spelt`: the organisations the file writes otherwise than the name they are filed under, said before and after.
  | { step: 'preview'; name: string; preview: ImportPreview; spelt: OrganisationGroup[] }
  | { step: 'writing'; name: string; done: number; total: number; spelt: OrganisationGroup[] }
  | { step: 'done'; name: string; result: ImportSummary; spelt: OrganisationGroup[] }
  | { step: 'failed'; name: string; message: string; errors: ImportSummary['errors'] };

const TYPES: Record<Kind, string> = { vcard: 'text/vcard', csv: 'text/csv', backup: 'application/json' };

function kindOf(file: File): Kind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.vcf') || name.endsWith('.vcard') || /vcard/.test(file.type)) return 'vcard';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
  if (name.endsWith('.json') || file.type === 'application/json') return 'backup';
  return null;
}

/** The rows an import left out, each by line and why, so that they can be put right in the file and imported again. */
function LeftOut({ errors }: { errors: ImportSummary['errors'] }) {
  if (!errors.length) return null;
  return (
    <div className="mt-3 rounded-lg border border-red-300 p-3 dark:border-red-900">
      <h3 className="text-sm font-semibold text-red-700 dark:text-red-400">{countOf(errors.length, 'row')} left out</h3>
      <ErrorList errors={errors} />
    </div>
  );
}

/** Choose a file → see what would happen → import (with real progress) or cancel. Nothing is written before the last step. */
export function ImportFlow({ fields }: { fields: { value: string; label: string }[] }) {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [file, setFile] = useState<{ text: string; kind: Kind } | null>(null);
  const [mapping, setMapping] = useState<string[] | null>(null);
  const [sectors, setSectors] = useState<Record<number, string>>({});
  // Undone from its result: the people it added are gone, so the way on is to everyone.
  const [undone, setUndone] = useState(false);
  const [dragging, setDragging] = useState(false);
  // Recent imports, below, is read on the server: read again once an import is written or undone, so it lists it.
  const router = useRouter();
  const shown = useImportShown();
  const inputRef = useRef<HTMLInputElement>(null);
  // Where focus goes when an import has finished: the button that started it is gone, and the page's top is far.
  const ended = useRef<HTMLDivElement>(null);
  const finished = stage.step === 'done' || stage.step === 'failed';
  useEffect(() => {
    if (finished) ended.current?.focus();
  }, [finished]);
  // Read: the field that was chosen from is gone, so focus goes to what was found (or to the question of columns).
  const found = useRef<HTMLHeadingElement>(null);
  const previewing = stage.step === 'preview';
  useEffect(() => {
    if (previewing) found.current?.focus();
  }, [previewing]);

  async function preview(name: string, text: string, kind: Kind, withMapping: string[] | null) {
    setStage({ step: 'reading', name });
    const query = new URLSearchParams({ dryRun: 'true', ...(withMapping ? { mapping: withMapping.join(',') } : {}) });
    try {
      const res = await fetch(`/api/v1/import?${query}`, { method: 'POST', headers: { 'Content-Type': TYPES[kind] }, body: text });
      const body = await res.json();
      if (!res.ok) {
        setStage({ step: 'choose', error: body.detail ?? 'This file cannot be read.' });
        return;
      }
      setMapping(body.mapping ?? null);
      const found = body as ImportPreview;
      setStage({ step: 'preview', name, preview: found, spelt: organisationGroups(found.rows).filter((g) => g.writtenAs.length) });
    } catch {
      setStage({ step: 'choose', error: 'The file could not be sent. Check the connection and try again.' });
    }
  }

  async function choose(f: File | undefined) {
    if (!f) return;
    const kind = kindOf(f);
    if (!kind) {
      setStage({ step: 'choose', error: `${f.name} is not a .vcf, .csv or .json file.` });
      return;
    }
    const text = await f.text();
    setFile({ text, kind });
    setSectors({});
    await preview(f.name, text, kind, null);
  }

  async function commit(name: string, goodRows: boolean) {
    if (!file) return;
    const spelt = stage.step === 'preview' ? stage.spelt : [];
    setStage({ step: 'writing', name, done: 0, total: 0, spelt });
    try {
      const res = await fetch('/api/v1/import/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: file.kind, content: file.text, mapping: mapping ?? undefined, sectors, goodRows, fileName: name }),
      });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => ({}));
        setStage({ step: 'failed', name, message: body.detail ?? 'The import was refused. Nothing was written.', errors: [] });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines.filter(Boolean)) {
          const msg = JSON.parse(line);
          if (msg.result) {
            setStage({ step: 'done', name, result: msg.result, spelt });
            shown.show(msg.result.undoId ?? null);
            router.refresh();
          } else if (msg.error) setStage({ step: 'failed', name, message: msg.error.message, errors: msg.error.errors ?? [] });
          else setStage({ step: 'writing', name, done: msg.done, total: msg.total, spelt });
        }
      }
    } catch {
      setStage({
        step: 'failed',
        name,
        message: 'The connection dropped. The import either finished whole or wrote nothing: look at People, or import again (nothing is duplicated).',
        errors: [],
      });
    }
  }

  function reset() {
    setUndone(false);
    shown.show(null);
    setFile(null);
    setStage({ step: 'choose' });
    if (inputRef.current) inputRef.current.value = '';
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  }

  if (stage.step === 'choose' || stage.step === 'reading') {
    return (
      <Card>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? 'border-accent-500 bg-accent-50 dark:bg-zinc-800' : 'border-zinc-300 dark:border-zinc-700'}`}
        >
          {/* A phone has nowhere to drag a file from: the drop is offered where there is a mouse, and on a touch screen
              the button below says it all (this stays the field's name for a screen reader). */}
          <p id="import-file-label" className="text-sm font-medium pointer-coarse:sr-only">
            Choose a file<span className="hidden pointer-fine:inline">, or drop it here</span>
          </p>
          <p id="import-file-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            vCard (.vcf) from a phone or address book; CSV from Google Contacts, Outlook or LinkedIn (Connections.csv), or any other CSV; or a Rapport backup
            (.json).
          </p>
          {/* The browser's own control says "Choose File · No file chosen" in its language and style: the field is kept
              (focus, keyboard and screen readers reach it) but drawn as the button beside it, which is its label. */}
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".vcf,.vcard,.csv,.json,text/vcard,text/csv,application/json"
            aria-labelledby="import-file-label"
            aria-describedby="import-file-hint import-file-error"
            disabled={stage.step === 'reading'}
            onChange={(e) => void choose(e.target.files?.[0])}
            className="peer sr-only"
          />
          <label
            htmlFor="import-file"
            aria-hidden
            className={buttonClass(
              'secondary',
              'mt-3 cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent-600 peer-disabled:cursor-not-allowed peer-disabled:opacity-60',
            )}
          >
            Choose a file
          </label>
        </div>
        <p id="import-file-error" role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {stage.step === 'choose' ? stage.error : null}
        </p>
        {stage.step === 'reading' ? (
          <p role="status" className="mt-2 text-sm">
            Reading {stage.name}…
          </p>
        ) : null}
      </Card>
    );
  }

  if (stage.step === 'writing') {
    const percent = stage.total ? Math.round((stage.done / stage.total) * 100) : 0;
    return (
      <Card>
        <p id="import-progress-label" className="mb-2 text-sm font-medium">
          Importing {stage.name}: {stage.done.toLocaleString()} of {stage.total.toLocaleString()} written
        </p>
        <div
          role="progressbar"
          aria-labelledby="import-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-3 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full bg-accent-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Everything is saved together when the bar is full: until then nothing is kept, so an interruption leaves your people as they were. You can go on using
          Rapport in another tab.
        </p>
      </Card>
    );
  }

  if (stage.step === 'done' || stage.step === 'failed') {
    const ok = stage.step === 'done';
    return (
      <Card label="Import result">
        <div ref={ended} tabIndex={-1} className="outline-none">
          {ok ? (
            <>
              <div
                role="progressbar"
                aria-label="Import progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={100}
                className="mb-3 h-3 w-full rounded-full bg-accent-600"
              />
              <p role="status" className="text-sm font-medium">
                Imported {stage.name}: {summaryWords(stage.result)}.
              </p>
              <Notes notes={stage.result.notes} />
              <SpeltOtherwise spelt={stage.spelt} done />
              <LeftOut errors={stage.result.errors} />
              {stage.result.undoId ? (
                <UndoImport
                  undoId={stage.result.undoId}
                  counts={{ added: stage.result.created, updated: stage.result.updated }}
                  onUndone={() => {
                    setUndone(true);
                    router.refresh();
                  }}
                />
              ) : null}
            </>
          ) : (
            <div role="alert" className="text-sm">
              <p className="font-medium text-red-700 dark:text-red-400">{stage.message}</p>
              <ErrorList errors={stage.errors} />
            </div>
          )}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          {/* The people it added, on their own: to check them over, or to file them under a sector. */}
          {ok && stage.result.undoId && stage.result.created && !undone ? (
            <ButtonLink href={`/people?imported=${stage.result.undoId}`}>
              See the {stage.result.created === 1 ? 'person' : `${stage.result.created.toLocaleString('en-GB')} people`} it added
            </ButtonLink>
          ) : (
            <ButtonLink href="/people">See your people</ButtonLink>
          )}
          <Button variant="secondary" onClick={reset}>
            Import another file
          </Button>
        </div>
      </Card>
    );
  }

  const p = stage.preview;
  if (p.needsMapping && p.header && mapping) {
    return (
      <Card>
        <h2 ref={found} tabIndex={-1} className="mb-1 text-base font-semibold outline-none">
          What does each column hold?
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          {stage.name} is a CSV whose layout Rapport does not know. Check the guesses, then see the preview.
        </p>
        <ol className="space-y-3">
          {p.header.map((h, i) => (
            <li key={i} className="grid gap-1 sm:grid-cols-[1fr_14rem] sm:items-center">
              <label htmlFor={`map-${i}`} className="min-w-0 text-sm">
                <span className="font-medium">{h || `Column ${i + 1}`}</span>
                <span className="block truncate text-xs text-zinc-500">
                  e.g.{' '}
                  {p.sample
                    ?.map((r) => r[i])
                    .filter(Boolean)
                    .slice(0, 2)
                    .join(' · ') || '(empty)'}
                </span>
              </label>
              <select
                id={`map-${i}`}
                value={mapping[i] ?? 'ignore'}
                onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? e.target.value : m)))}
                className={inputClass}
              >
                {fields.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button onClick={() => file && void preview(stage.name, file.text, file.kind, mapping)}>Use these columns</Button>
          <Button variant="secondary" onClick={reset}>
            Cancel
          </Button>
        </div>
      </Card>
    );
  }

  const writes = p.created + p.updated;
  // One element, shown above the rows and again below them: a phone user who has read down a long preview
  // imports from where they are, and the two buttons can never say or do different things.
  const actions = (
    <div className="flex flex-wrap gap-2">
      {p.errors.length && p.kind !== 'backup' ? (
        <Button onClick={() => void commit(stage.name, true)} disabled={writes === 0}>
          Import the good rows
        </Button>
      ) : !p.errors.length ? (
        <Button onClick={() => void commit(stage.name, false)} disabled={writes === 0}>
          {writes === 0 ? 'Nothing new to import' : `Import ${writes.toLocaleString()}`}
        </Button>
      ) : null}
      <Button variant="secondary" onClick={reset}>
        Cancel
      </Button>
    </div>
  );
  return (
    <div className="space-y-4">
      <Card>
        <h2 ref={found} tabIndex={-1} className="mb-1 text-base font-semibold outline-none">
          Before anything is written: {stage.name}
        </h2>
        <p className="text-sm" role="status">
          {summaryWords(p, true)}.{p.kind === 'backup' ? ' (a backup: rows of every kind, people, events, follow-ups and posts)' : ''}
        </p>
        <Notes notes={p.notes} />
        <SpeltOtherwise spelt={stage.spelt} />
        {p.errors.length ? (
          <div className="mt-3 rounded-lg border border-red-300 p-3 dark:border-red-900">
            <h3 className="text-sm font-semibold text-red-700 dark:text-red-400">{countOf(p.errors.length, 'row')} cannot be imported</h3>
            <ErrorList errors={p.errors} />
          </div>
        ) : null}
        <div className="mt-4">{actions}</div>
      </Card>
      {p.rows.length ? (
        <>
          <PreviewRows
            rows={p.rows}
            sectors={p.sectors}
            choices={sectors}
            onChoose={(lines, sector) => setSectors((chosen) => withSector(chosen, lines, sector))}
          />
          {actions}
        </>
      ) : null}
      <p className="text-xs text-zinc-500">
        People are matched by email, or by the same name at the same organisation: they are updated (only empty fields are filled, notes are added to) or
        skipped, never copied.{' '}
        <Link href="/settings#import-export" className="underline">
          Back to Settings
        </Link>
      </p>
    </div>
  );
}
