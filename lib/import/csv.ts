import { CsvError, parse } from 'csv-parse/sync';
import { detectDelimiter } from './csv-delimiter';
import { addressFirst, splitEmails } from './emails';
import { phonesIn } from './phones';
import { emptyDraft, joinNotes, type ContactDraft, type ReadResult } from './types';

/** What a column can be mapped to when the layout is not one Rapport knows. */
export const CSV_FIELDS = ['ignore', 'name', 'firstName', 'lastName', 'organisation', 'role', 'email', 'phone', 'link', 'notes', 'categories'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export const CSV_FIELD_LABELS: Record<CsvField, string> = {
  ignore: 'Leave out',
  name: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  organisation: 'Organisation',
  role: 'Role or job title',
  email: 'Email',
  phone: 'Phone',
  link: 'Web address',
  notes: 'Notes',
  categories: 'Categories or labels',
};

export type CsvLayout = 'google' | 'outlook' | 'linkedin' | 'other';

interface Row {
  line: number;
  cells: string[];
}

export interface CsvTable {
  layout: CsvLayout;
  header: string[];
  headerLine: number;
  rows: Row[];
}

/**
 * Parses CSV text with csv-parse, separated by commas, semicolons or tabs as its header is, keeping each record's
 * first line number; a broken file throws CsvFileError.
 */
function parseCsvTable(input: string): CsvTable {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    const delimiter = detectDelimiter(input);
    records = parse(input, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvFileError(line, `The CSV cannot be read here: ${err.message.replace(/^[^:]*:\s*/, '')}`);
    }
    throw err;
  }
  const rows: Row[] = records.map(({ record, info, raw }) => {
    const body = raw.replace(/^(\r?\n)+/, '');
    const breaks = (body.match(/\n/g) ?? []).length;
    const line = /\n$/.test(body) ? info.lines - breaks + 1 : info.lines - breaks;
    return { line, cells: record.map((c) => c.trim()) };
  });
  // LinkedIn's Connections.csv opens with a "Notes:" paragraph before its header: look a few records in.
  for (let i = 0; i < Math.min(rows.length, 6); i++) {
    const layout = detectLayout(rows[i]!.cells);
    if (layout !== 'other') return { layout, header: rows[i]!.cells, headerLine: rows[i]!.line, rows: rows.slice(i + 1) };
  }
  const first = rows[0];
  if (!first) throw new CsvFileError(1, 'The file holds no rows');
  return { layout: 'other', header: first.cells, headerLine: first.line, rows: rows.slice(1) };
}

class CsvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function detectLayout(header: string[]): CsvLayout {
  const has = (name: string) => header.some((h) => h.toLowerCase() === name.toLowerCase());
  if (has('First Name') && has('Last Name') && has('Connected On')) return 'linkedin';
  if (has('E-mail 1 - Value') || has('Organization Name') || has('Organization 1 - Name')) return 'google';
  if (has('E-mail Address') && has('Job Title') && has('Company')) return 'outlook';
  return 'other';
}

/** A first guess at what each column of an unknown CSV holds, from its heading; the user confirms it. */
export function guessMapping(header: string[]): CsvField[] {
  return header.map((h) => {
    const s = h.toLowerCase();
    if (/^(full )?name$|display name/.test(s)) return 'name';
    if (/first|given|forename/.test(s)) return 'firstName';
    if (/last|family|surname/.test(s)) return 'lastName';
    if (/mail/.test(s)) return 'email';
    if (/phone|mobile|tel/.test(s)) return 'phone';
    if (/company|organi[sz]ation|employer/.test(s)) return 'organisation';
    if (/title|role|position|job/.test(s)) return 'role';
    if (/web|url|link|site/.test(s)) return 'link';
    if (/note|comment/.test(s)) return 'notes';
    if (/categor|label|tag|group/.test(s)) return 'categories';
    return 'ignore';
  });
}

const splitMulti = (v: string) =>
  v
    .split(/\s*:::\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The addresses of a row's email cells, the first that is an address first (see emails.ts). */
const emailsIn = (cells: string[]) => addressFirst(cells.flatMap(splitEmails), (e) => e);

function column(header: string[], cells: string[]) {
  const index = new Map(header.map((h, i) => [h.toLowerCase(), i]));
  return (name: string) => {
    const i = index.get(name.toLowerCase());
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

/**
 * A name from its columns, the prefix first as a vCard's N gives it in vcard.ts ("Dr Hannah Clarke"), so a person
 * reads the same from either format. A prefix or suffix with no name to go with it is not a name: '' then.
 */
function fullName(prefix: string, names: string[], suffix: string): string {
  return names.some(Boolean) ? [prefix, ...names, suffix].filter(Boolean).join(' ') : '';
}

function googleDraft(header: string[], row: Row): ContactDraft {
  const get = column(header, row.cells);
  const d = emptyDraft(row.line);
  const names = [get('First Name') || get('Given Name'), get('Middle Name') || get('Additional Name'), get('Last Name') || get('Family Name')];
  // The prefix joins the name as a vCard's does ("Dr Hannah Clarke"); a suffix ("OBE") does not: exported again, it
  // would be taken for the surname.
  d.name = fullName(get('Name Prefix'), names, '') || get('Name') || get('File As') || null;
  d.organisation = get('Organization Name') || get('Organization 1 - Name') || null;
  d.role = get('Organization Title') || get('Organization 1 - Title') || null;
  const extra: string[] = [];
  const dept = get('Organization Department') || get('Organization 1 - Department');
  if (dept) extra.push(`Department: ${dept}`);
  d.emails = emailsIn(Array.from({ length: 10 }, (_, i) => get(`E-mail ${i + 1} - Value`)));
  d.phones = phonesIn(Array.from({ length: 10 }, (_, i) => get(`Phone ${i + 1} - Value`)).flatMap(splitMulti));
  for (let n = 1; n <= 10; n++) {
    for (const w of splitMulti(get(`Website ${n} - Value`))) d.links.push(w);
    const address = get(`Address ${n} - Formatted`);
    if (address) extra.push(`Address: ${address.replace(/\s*\n\s*/g, ', ')}`);
  }
  if (get('Birthday')) extra.push(`Birthday: ${get('Birthday')}`);
  if (get('Nickname')) extra.push(`Nickname: ${get('Nickname')}`);
  if (d.emails.length > 1) extra.push(`Other emails: ${d.emails.slice(1).join('; ')}`);
  if (d.phones.length > 1) extra.push(`Other phones: ${d.phones.slice(1).join('; ')}`);
  d.categories = splitMulti(get('Labels') || get('Group Membership')).filter((l) => !l.startsWith('* '));
  d.notes = joinNotes([get('Notes'), extra.join('\n')]);
  return d;
}

function outlookDraft(header: string[], row: Row): ContactDraft {
  const get = column(header, row.cells);
  const d = emptyDraft(row.line);
  // Outlook's "Title" is the courtesy title (Dr, Mrs); the job title is "Job Title".
  d.name = fullName(get('Title'), [get('First Name'), get('Middle Name'), get('Last Name')], get('Suffix')) || null;
  d.organisation = get('Company') || null;
  d.role = get('Job Title') || null;
  d.emails = emailsIn(['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'].map(get));
  d.phones = phonesIn(['Mobile Phone', 'Business Phone', 'Home Phone', 'Primary Phone', 'Other Phone'].map(get));
  if (get('Web Page')) d.links.push(get('Web Page'));
  d.categories = get('Categories')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const extra: string[] = [];
  if (get('Department')) extra.push(`Department: ${get('Department')}`);
  if (get('Birthday') && !/^0\/0\/00$/.test(get('Birthday'))) extra.push(`Birthday: ${get('Birthday')}`);
  const street = ['Business Street', 'Business City', 'Business State', 'Business Postal Code', 'Business Country/Region'].map(get).filter(Boolean);
  if (street.length) extra.push(`Address (work): ${street.join(', ')}`);
  if (d.emails.length > 1) extra.push(`Other emails: ${d.emails.slice(1).join('; ')}`);
  if (d.phones.length > 1) extra.push(`Other phones: ${d.phones.slice(1).join('; ')}`);
  d.notes = joinNotes([get('Notes'), extra.join('\n')]);
  return d;
}

function linkedinDraft(header: string[], row: Row): ContactDraft {
  const get = column(header, row.cells);
  const d = emptyDraft(row.line);
  d.name = [get('First Name'), get('Last Name')].filter(Boolean).join(' ') || null;
  d.organisation = get('Company') || null;
  d.role = get('Position') || null;
  d.emails = emailsIn([get('Email Address')]);
  if (get('URL')) d.links.push(get('URL'));
  d.notes = joinNotes([
    get('Connected On') ? `Connected on LinkedIn on ${get('Connected On')}` : null,
    d.emails.length > 1 ? `Other emails: ${d.emails.slice(1).join('; ')}` : null,
  ]);
  return d;
}

function mappedDraft(mapping: CsvField[], row: Row): ContactDraft {
  const d = emptyDraft(row.line);
  const first: string[] = [];
  const last: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  const notes: string[] = [];
  mapping.forEach((field, i) => {
    const v = (row.cells[i] ?? '').trim();
    if (!v) return;
    switch (field) {
      case 'name':
        d.name ??= v;
        break;
      case 'firstName':
        first.push(v);
        break;
      case 'lastName':
        last.push(v);
        break;
      case 'organisation':
        d.organisation ??= v;
        break;
      case 'role':
        d.role ??= v;
        break;
      case 'email':
        emails.push(v);
        break;
      case 'phone':
        phones.push(v);
        break;
      case 'link':
        d.links.push(v);
        break;
      case 'notes':
        notes.push(v);
        break;
      case 'categories':
        d.categories.push(...v.split(/\s*[;,]\s*|\s*:::\s*/).filter(Boolean));
        break;
    }
  });
  d.name ??= [...first, ...last].join(' ') || null;
  d.emails = emailsIn(emails);
  d.phones = phonesIn(phones);
  if (d.emails.length > 1) notes.push(`Other emails: ${d.emails.slice(1).join('; ')}`);
  if (d.phones.length > 1) notes.push(`Other phones: ${d.phones.slice(1).join('; ')}`);
  d.notes = joinNotes(notes);
  return d;
}

/**
 * Reads a CSV: Google Contacts, Outlook and LinkedIn are known from their header; any other layout needs the
 * column mapping the user confirmed (without one, its rows are not read and `needsMapping` is set).
 */
export function readCsv(input: string, mapping?: CsvField[]): ReadResult & { table?: CsvTable; needsMapping?: boolean } {
  let table: CsvTable;
  try {
    table = parseCsvTable(input);
  } catch (err) {
    if (err instanceof CsvFileError) return { drafts: [], errors: [{ line: err.line, message: err.message }] };
    throw err;
  }
  const { layout, header, rows } = table;
  if (layout === 'other' && !mapping) return { drafts: [], errors: [], table, needsMapping: true };
  const read = (row: Row) =>
    layout === 'google'
      ? googleDraft(header, row)
      : layout === 'outlook'
        ? outlookDraft(header, row)
        : layout === 'linkedin'
          ? linkedinDraft(header, row)
          : mappedDraft(mapping!, row);
  const filled = rows.filter((r) => r.cells.some(Boolean));
  return { drafts: filled.map(read), errors: [], table, blankLines: rows.length - filled.length };
}
