import ICAL from 'ical.js';
import { displayName } from '@/lib/people/display-name';
import { addressFirst, splitEmails } from './emails';
import { phoneFirst, splitPhones } from './phones';
import { emptyDraft, joinNotes, type ContactDraft, type ReadResult, type RowError } from './types';

/**
 * Reads a vCard file (2.1, 3.0 or 4.0; many cards; CRLF, LF or a BOM) into drafts. ical.js parses each card
 * (folding, escapes, parameters, Apple's `item1.` groups): it is the well-kept vCard 3/4 parser already in the
 * project. It knows nothing of vCard 2.1, so 2.1's differences are rewritten first, by hand, because no kept
 * library does them: bare parameters (`TEL;CELL:`), QUOTED-PRINTABLE values with their soft line breaks, and
 * CHARSET. Cards are split here, so an error names the line it is on.
 */
export function readVCards(input: string): ReadResult {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const drafts: ContactDraft[] = [];
  const errors: RowError[] = [];
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (start >= 0) errors.push({ line: start + 1, message: 'This card has no END:VCARD before the next card begins' });
      start = i;
    } else if (/^END:VCARD\s*$/i.test(line)) {
      if (start < 0) {
        errors.push({ line: i + 1, message: 'END:VCARD without a BEGIN:VCARD' });
        continue;
      }
      const result = readCard(lines.slice(start, i + 1), start + 1);
      if ('message' in result) errors.push(result);
      else drafts.push(result);
      start = -1;
    } else if (start < 0 && line.trim()) {
      errors.push({ line: i + 1, message: 'Text outside a card (a vCard file holds BEGIN:VCARD … END:VCARD blocks)' });
    }
  }
  if (start >= 0) errors.push({ line: start + 1, message: 'This card has no END:VCARD' });
  if (drafts.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'The file holds no cards' });
  return { drafts, errors };
}

const BINARY = /^(PHOTO|LOGO|SOUND|KEY)$/i;
const ENCODINGS = /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i;
const LINE = /^((?:[A-Za-z0-9-]+\.)?)([A-Za-z0-9-]+)((?:;(?:[^:";]|"[^"]*")*)*):(.*)$/s;

interface Logical {
  text: string;
  line: number;
}

/** Joins folded lines (a leading space or tab) and 2.1 quoted-printable soft breaks (a trailing '=') into logical lines. */
function logicalLines(physical: string[], firstLine: number): Logical[] {
  const out: Logical[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    const prev = out.at(-1);
    if (prev && /^[ \t]/.test(raw)) {
      prev.text += raw.slice(1);
      continue;
    }
    if (prev && isQuotedPrintable(prev.text) && prev.text.endsWith('=')) {
      prev.text = prev.text.slice(0, -1) + raw.replace(/^[ \t]+/, '');
      continue;
    }
    if (!raw.trim()) continue;
    out.push({ text: raw, line: firstLine + i });
  }
  return out;
}

function isQuotedPrintable(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && /;(ENCODING=)?QUOTED-PRINTABLE\b/i.test(text.slice(0, colon));
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const hex = value.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** Rewrites one logical line as vCard 3.0 that ical.js takes, or null to drop it (binary data). */
function normaliseLine(l: Logical, v21: boolean): string | null | RowError {
  const m = LINE.exec(l.text);
  if (!m) return { line: l.line, message: `This line is not a vCard property ("${l.text.slice(0, 40)}")` };
  const [, group, name, paramText, rawValue] = m as unknown as [string, string, string, string, string];
  if (BINARY.test(name)) return null;
  if (/^VERSION$/i.test(name)) return 'VERSION:3.0';
  const params = paramText.split(';').filter(Boolean);
  let charset = '';
  let quotedPrintable = false;
  const kept: string[] = [];
  for (const p of params) {
    const eq = p.indexOf('=');
    const key = eq < 0 ? '' : p.slice(0, eq).toUpperCase();
    const val = eq < 0 ? p : p.slice(eq + 1);
    if (key === 'CHARSET') charset = val.replace(/"/g, '');
    else if (key === 'ENCODING' || (eq < 0 && ENCODINGS.test(p))) {
      if (/^QUOTED-PRINTABLE$/i.test(val)) quotedPrintable = true;
    } else if (eq < 0) kept.push(`TYPE=${p}`);
    else kept.push(p);
  }
  let value = rawValue;
  if (quotedPrintable) {
    // Decoded text goes back in as a vCard 3.0 value: backslashes and line breaks escaped; 2.1's ';' separators kept.
    value = decodeQuotedPrintable(rawValue, charset)
      .replace(/\\/g, '\\\\')
      .replace(/\r\n|\r|\n/g, '\\n');
  }
  // 2.1 has no comma escape: a comma in a note, a name or an organisation is text, not a list separator.
  if (v21) value = value.replace(/(?<!\\),/g, '\\,');
  return `${group}${name}${kept.map((p) => `;${p}`).join('')}:${value}`;
}

type JProp = [string, Record<string, unknown>, string, ...unknown[]];

function readCard(physical: string[], firstLine: number): ContactDraft | RowError {
  const logical = logicalLines(physical, firstLine);
  const v21 = logical.some((l) => /^VERSION:\s*2\.1\s*$/i.test(l.text));
  const out: string[] = [];
  for (let i = 0; i < logical.length; i++) {
    const l = logical[i]!;
    const rewritten = normaliseLine(l, v21);
    if (rewritten === null) {
      // 2.1 base64 data runs on over lines of its own until a blank line or the next property.
      while (i + 1 < logical.length && !LINE.test(logical[i + 1]!.text)) i++;
      continue;
    }
    if (typeof rewritten !== 'string') return rewritten;
    out.push(rewritten);
  }
  if (!out.some((l) => /^VERSION:/i.test(l))) out.splice(1, 0, 'VERSION:3.0');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(out.join('\r\n') + '\r\n');
  } catch (err) {
    return { line: firstLine, message: `This card cannot be read: ${(err as Error).message}` };
  }
  const card = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed) as [string, JProp[]];
  return toDraft(card[1] ?? [], firstLine);
}

// ical.js leaves 3.0's escaped semicolon as '\\;' in TEXT values.
const text = (v: unknown): string => (Array.isArray(v) ? v.map(text).join(' ') : v == null ? '' : String(v).replace(/\\;/g, ';')).trim();
/** Components of a structured value (N, ORG, ADR): ical.js has already unescaped them, semicolons included. */
const parts = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map((x) => (Array.isArray(x) ? x.join(' ') : x == null ? '' : String(x)).trim());

/** Apple writes labels as `_$!<Work>!$_`; anything else is the user's own label. */
function cleanLabel(label: string): string {
  return label.replace(/^_\$!<(.*)>!\$_$/, '$1');
}

function labelOf(prop: JProp, labels: Map<string, string>): string {
  const group = prop[1].group;
  if (typeof group === 'string' && labels.has(group.toLowerCase())) return labels.get(group.toLowerCase())!;
  const type = prop[1].type;
  const types = (Array.isArray(type) ? type : type ? [type] : []).map(String).filter((t) => !/^(pref|internet|voice|x400)$/i.test(t));
  return types.map((t) => t.toLowerCase()).join(', ');
}

function toDraft(props: JProp[], line: number): ContactDraft {
  const draft = emptyDraft(line);
  const labels = new Map<string, string>();
  for (const p of props) {
    if (p[0] === 'x-ablabel' && typeof p[1].group === 'string') labels.set(p[1].group.toLowerCase(), cleanLabel(text(p[3])));
  }
  const extra: string[] = [];
  const emails: { address: string; label: string }[] = [];
  const phones: { number: string; label: string }[] = [];
  const notes: string[] = [];
  let fn = '';
  let structured = '';
  let company = false;
  const isPref = (p: JProp) => /pref/i.test(JSON.stringify(p[1].type ?? '')) || p[1].pref === '1';
  const sorted = [...props].sort((a, b) => Number(isPref(b)) - Number(isPref(a)));
  for (const p of sorted) {
    const [name, , , ...values] = p;
    // ical.js splits vCard 3.0 TEXT at unescaped commas even where the property holds one value: join them back.
    const value = values.length > 1 && name !== 'categories' ? values.map((v) => String(v)).join(',') : values[0];
    const label = labelOf(p, labels);
    const labelled = (s: string) => (label ? `${s} (${label})` : s);
    switch (name) {
      case 'fn':
        fn ||= text(value);
        break;
      case 'n': {
        const [family = '', given = '', additional = '', prefix = '', suffix = ''] = parts(value);
        structured = [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
        break;
      }
      case 'org': {
        const [org = '', ...units] = parts(value);
        draft.organisation ||= org || null;
        if (units.some(Boolean)) extra.push(`Department: ${units.filter(Boolean).join(', ')}`);
        break;
      }
      case 'title':
        draft.role ||= text(value) || null;
        break;
      case 'role':
        if (!draft.role) draft.role = text(value) || null;
        else if (text(value) && text(value) !== draft.role) extra.push(`Role: ${text(value)}`);
        break;
      case 'email':
        for (const address of splitEmails(text(value).replace(/^mailto:/i, ''))) emails.push({ address, label });
        break;
      case 'tel':
        // One TEL holding two numbers ("… / …") is split as a CSV cell is, each keeping the TEL's label.
        for (const number of splitPhones(text(value).replace(/^tel:/i, ''))) phones.push({ number, label });
        break;
      case 'url':
        if (text(value)) draft.links.push(text(value));
        break;
      case 'note':
        if (text(value)) notes.push(String(value).replace(/\\;/g, ';').trim());
        break;
      case 'categories':
        for (const v of values) for (const c of parts(v)) if (c) draft.categories.push(c);
        break;
      case 'bday':
      case 'anniversary':
        if (text(value)) extra.push(`${name === 'bday' ? 'Birthday' : 'Anniversary'}: ${text(value)}`);
        break;
      case 'adr': {
        const address = parts(value).filter(Boolean).join(', ');
        if (address) extra.push(`${labelled('Address')}: ${address}`);
        break;
      }
      case 'nickname':
        if (text(value)) extra.push(`Nickname: ${text(value)}`);
        break;
      case 'kind':
      case 'x-abshowas':
        if (/^(org|company)$/i.test(text(value))) company = true;
        break;
      case 'uid': {
        const uuid = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(text(value));
        if (uuid) draft.uid = uuid[1]!.toLowerCase();
        break;
      }
    }
  }
  // A card must have a formatted name. For someone known by role alone Rapport's export writes how they are shown
  // ("Head of IT, Leeds City Council", or the organisation alone) with no N, as a phone does for a company card: no one's
  // name. A person's card whose FN happens to be its ORG (a sole trader's) keeps it, unless it says it is a company's.
  const described = !!draft.role && !!draft.organisation && fn === displayName({ role: draft.role, organisationName: draft.organisation });
  const organisationOnly = !draft.role && !!draft.organisation && fn === draft.organisation && (company || !!draft.uid);
  draft.name = (!structured && (described || organisationOnly) ? '' : fn || structured) || null;
  // The preferred address that is an address is the person's; every other one goes to the notes, with its label.
  const [email, ...otherEmails] = addressFirst(emails, (e) => e.address);
  if (email) draft.emails.push(email.address);
  if (otherEmails.length) extra.push(`Other emails: ${otherEmails.map((e) => (e.label ? `${e.address} (${e.label})` : e.address)).join('; ')}`);
  // Likewise the first number the phone field takes (a preferred one with an extension would be refused whole).
  const [phone, ...otherPhones] = phoneFirst(phones, (p) => p.number);
  if (phone) draft.phones.push(phone.number);
  if (otherPhones.length) extra.push(`Other phones: ${otherPhones.map((p) => (p.label ? `${p.number} (${p.label})` : p.number)).join('; ')}`);
  draft.notes = joinNotes([...notes, extra.join('\n')]);
  return draft;
}
