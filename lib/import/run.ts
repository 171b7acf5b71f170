import { db } from '@/db/client';
import { parseBackup, restoreBackup } from '@/lib/backup/restore';
import { applyImport, ImportRefusedError, summarise, type ImportSummary } from './apply';
import { guessMapping, readCsv, type CsvField, type CsvLayout } from './csv';
import { planImport, type FiledUnder, type ImportAction, type SectorChoices } from './plan';
import type { ImportKind } from './request';
import type { ReadResult, RowError } from './types';
import { readVCards } from './vcard';

/** One row as the preview shows it. */
export interface PreviewRow {
  line: number;
  action: ImportAction;
  reason: string;
  name: string | null;
  organisation: string | null;
  role: string | null;
  email: string | null;
  /** The person's own topics the row brings (a vCard's CATEGORIES, Google's labels, Outlook's categories). */
  topics: string[];
  sector: string | null;
  sectorFromOrganisation: boolean;
  /** Why `sector` was guessed ("from the .gov.uk email"), when it was (PlanRow.sectorGuess). */
  sectorGuess?: string;
  /** What of the row is written otherwise than the file has it, and why (an email that is not an address, say). */
  warnings: string[];
  /** The organisation the row files its person under, to choose its sector once for all its rows (PlanRow). */
  filedUnder: FiledUnder | null;
}

export interface ImportPreview extends ImportSummary {
  kind: ImportKind;
  rows: PreviewRow[];
  sectors: string[];
  /** CSV only: the layout recognised; 'other' needs the column mapping confirmed. */
  layout?: CsvLayout;
  needsMapping?: boolean;
  header?: string[];
  sample?: string[][];
  mapping?: CsvField[];
}

/** An import with no file name (the API's), as Settings → Import names it. */
const SOURCE_WORDS: Record<Exclude<ImportKind, 'backup'>, string> = { vcard: 'A vCard file', csv: 'A CSV file' };

export interface ImportOptions {
  mapping?: CsvField[];
  choices?: SectorChoices;
  goodRows?: boolean;
  /** What was imported, as the user would know it (a file's name): Settings → Import lists it so. */
  source?: string;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** Where each row of a backup written by Rapport (one row a line) starts, to name lines in errors. */
function backupRowLine(text: string, table: string, index: number): number {
  const lines = text.split('\n');
  let inTable = false;
  let row = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith(`"${table}":[`) || l.startsWith(`,"${table}":[`)) inTable = true;
    else if (inTable && l.startsWith('{')) {
      row++;
      if (row === index) return i + 1;
    } else if (inTable && /^"?\w+"?:\[|^\]/.test(l)) inTable = false;
  }
  return 1;
}

/**
 * Where JSON.parse stopped: V8 gives either "at position N" or the text around the bad token, which is found
 * again in the file.
 */
function jsonErrorPosition(text: string, message: string): number | null {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  // V8 quotes ten characters either side of the bad token, with "..." outside the quotes where it cut.
  const near = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!near) return null;
  const context = near[3]!;
  const index = text.indexOf(context);
  if (index < 0) return null;
  return index + (near[2] ? Math.min(10, context.length - 1) : Math.max(0, context.indexOf(near[1]!)));
}

function readBackup(text: string): { backup?: ReturnType<typeof parseBackup>['data']; errors: RowError[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text, (err as Error).message);
    const line = at === null ? 1 : text.slice(0, at).split('\n').length;
    return { errors: [{ line, message: 'This is not valid JSON' }] };
  }
  const parsed = parseBackup(value);
  if (parsed.success) return { backup: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.slice(0, 100).map((issue) => {
      const [table, index, column] = issue.path;
      const line = typeof table === 'string' && typeof index === 'number' ? backupRowLine(text, table, index) : 1;
      return { line, message: column !== undefined ? `${String(table)} ${Number(index) + 1}, ${String(column)}: ${issue.message}` : issue.message };
    }),
  };
}

function readContacts(kind: 'vcard' | 'csv', text: string, mapping?: CsvField[]): ReadResult & Partial<ImportPreview> & { headerLine?: number } {
  if (kind === 'vcard') return readVCards(text);
  const r = readCsv(text, mapping);
  return {
    ...r,
    layout: r.table?.layout,
    headerLine: r.table?.headerLine,
    needsMapping: r.needsMapping,
    header: r.table?.header,
    sample: r.table?.rows.slice(0, 3).map((row) => row.cells),
    mapping: r.table ? (mapping ?? (r.table.layout === 'other' ? guessMapping(r.table.header) : undefined)) : undefined,
  };
}

/** What importing this file would do, row by row; writes nothing. */
export async function previewImport(userId: string, kind: ImportKind, text: string, opts: ImportOptions = {}): Promise<ImportPreview> {
  if (kind === 'backup') {
    const { backup, errors } = readBackup(text);
    if (!backup) return { kind, created: 0, updated: 0, skipped: 0, errors, rows: [], sectors: [] };
    const summary = await restoreBackup(userId, backup, { dryRun: true });
    return { kind, ...summary, rows: [], sectors: [] };
  }
  const read = readContacts(kind, text, opts.mapping);
  const { drafts, errors, headerLine: _headerLine, blankLines, ...csv } = read;
  const plan = await planImport(db, userId, drafts, errors, opts.choices);
  return {
    kind,
    ...summarise(plan),
    ...(blankLines ? { blankLines } : {}),
    sectors: plan.sectors,
    layout: csv.layout,
    needsMapping: csv.needsMapping,
    header: csv.header,
    sample: csv.sample,
    mapping: csv.mapping,
    rows: plan.rows.map((r) => ({
      line: r.line,
      action: r.action,
      reason: r.reason,
      name: r.input.name ?? null,
      organisation: r.input.organisationName ?? null,
      role: r.input.role ?? null,
      email: r.input.email,
      topics: r.action === 'update' ? (r.changes.topics ?? []) : r.action === 'skip' ? [] : r.input.topics,
      sector: r.sector,
      sectorFromOrganisation: r.sectorFromOrganisation,
      ...(r.sectorGuess ? { sectorGuess: r.sectorGuess } : {}),
      warnings: r.warnings,
      filedUnder: r.filedUnder,
    })),
  };
}

/** Imports the file, all or nothing (see applyImport and restoreBackup). */
export async function runImport(userId: string, kind: ImportKind, text: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  if (kind === 'backup') {
    const { backup, errors } = readBackup(text);
    if (!backup) throw new ImportRefusedError(errors);
    await opts.onProgress?.(0, 1);
    const summary = await restoreBackup(userId, backup);
    await opts.onProgress?.(1, 1);
    return summary;
  }
  const read = readContacts(kind, text, opts.mapping);
  if (read.needsMapping) {
    throw new ImportRefusedError([{ line: read.headerLine ?? 1, message: 'Say what each column holds (the column mapping) first' }]);
  }
  const summary = await applyImport(userId, read.drafts, read.errors, { ...opts, source: opts.source || SOURCE_WORDS[kind] });
  return read.blankLines ? { ...summary, blankLines: read.blankLines } : summary;
}
