import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { sameSpelling, spellingOf, type Spelling } from '@/lib/organisations/alike';
import { organisationsByName } from '@/lib/organisations/find-or-create';
import { createPersonSchema, type PersonInput } from '@/lib/people/validation';
import { normaliseTopic, uniqueTopics } from '@/lib/topics/normalise';
import { CANNOT_STORE, storable } from '@/lib/validation/text';
import type { ImportedUpdate } from '@/db/schema';
import { guessSector, workDomain } from './sector-guess';
import { joinNotes, type ContactDraft, type RowError } from './types';

export type ImportAction = 'create' | 'update' | 'skip';

/** One row of the preview: what importing it would do, and why. */
export interface PlanRow {
  line: number;
  action: ImportAction;
  reason: string;
  /** The person as they would be saved (validated by the same schema as the form and the API). */
  input: PersonInput;
  /** The person updated or skipped. */
  personId: string | null;
  /** Sector name: from the file's categories, else the known organisation's; the user may change it. */
  sector: string | null;
  /** True when `sector` is the organisation's own (then the person follows it rather than copying it). */
  sectorFromOrganisation: boolean;
  /**
   * A new person's sector guessed from their email or their organisation's name when nothing else gave one: why, as
   * the preview says it ("from the .gov.uk email"). Never for an update: a guess does not change someone known.
   */
  sectorGuess?: string;
  /** For an update: only these fields change. */
  changes: Partial<PersonInput> & { sectorName?: string };
  /** For an update: the organisation the person is at already (null when none: then `changes` may give one). */
  organisationId: string | null;
  /** What of the row is written otherwise than the file has it, and why: a bad email kept in the notes, say. */
  warnings: string[];
  /**
   * The organisation of the file the row files its person under, as the import will find it: a known one by id (by
   * its name, or a name merged into it, with its own name), a new one by its folded name. Null when the person stays
   * where they are (matched, at an organisation of their own) or the row is skipped: its sector choice is theirs.
   */
  filedUnder: FiledUnder | null;
  /** For an update: what it changes, as it was before (an undo puts it back). */
  before?: ImportedUpdate['before'];
}

/** An organisation a row files its person under (see PlanRow.filedUnder). */
export interface FiledUnder {
  key: string;
  name: string;
  /** The file's own spelling, when it writes the organisation otherwise ("HM Revenue & Customs" for "HM Revenue and Customs"). */
  writtenAs?: string;
}

export interface ImportPlan {
  rows: PlanRow[];
  errors: RowError[];
  /** The user's sectors, for the preview's sector choice. */
  sectors: string[];
}

/** The user's choices in the preview: a sector per line ('' for none). */
export type SectorChoices = Record<number, string>;

type Existing = {
  id: string;
  name: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  links: string[];
  notes: string | null;
  organisation_id: string | null;
  organisation: string | null;
  sector_id: string | null;
  org_sector: string | null;
  /** The person's own topics, normalised. */
  topics: string[] | null;
};

const fold = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
const nameKey = (name: string | null | undefined, org: string | null | undefined) => (name ? `${fold(name)}\u0000${fold(org)}` : null);

type OneField = 'name' | 'role' | 'organisationName' | 'email' | 'phone';
type ListField = 'links' | 'topics';

/** How a row's warnings name each field, and why a value could not be that field. */
const SET_ASIDE: Record<OneField | ListField, { label: string; why: string }> = {
  name: { label: 'Name', why: 'is too long for a name' },
  role: { label: 'Role', why: 'is too long for a role' },
  organisationName: { label: 'Organisation', why: 'is too long for an organisation' },
  email: { label: 'Email', why: 'is not an address' },
  phone: { label: 'Phone', why: 'is not a phone number' },
  links: { label: 'Web address', why: 'is not a web address' },
  topics: { label: 'Category', why: 'is too long for a topic' },
};
const MAX_NOTES = 10_000;
const NOTHING_TO_KNOW_THEM_BY = 'No name, role or organisation to know them by';

const quote = (v: string) => `‘${v.length > 80 ? `${v.slice(0, 77)}…` : v}’`;
/** Takes out what Postgres cannot store (a NUL, half of an emoji), by the one rule of lib/validation/text. */
const storableOnly = (s: string) => Array.from(s).filter(storable).join('');

/**
 * Turns a draft into a person's fields, checked by the same schema as the form and the API. A value that cannot
 * be its field (an email that is not an address, a bad phone, an 11th link, a name too long) goes to the notes
 * rather than costing the whole row, and the row's warnings say so: only a row with nothing to know the person by
 * (no name, role or organisation) is an error.
 */
function toInput(d: ContactDraft, sectorNames: Map<string, string>): { input: PersonInput; sector: string | null; warnings: string[] } | RowError {
  const warnings: string[] = [];
  const setAside: string[] = [];
  const keepInNotes = (field: OneField | ListField, value: string) => {
    setAside.push(`${SET_ASIDE[field].label}: ${value}`);
    warnings.push(`${SET_ASIDE[field].label} ${quote(value)} ${SET_ASIDE[field].why}: kept in the notes`);
  };
  const links: string[] = [];
  let overTen = 0;
  for (const link of d.links) {
    if (links.length === 10) {
      setAside.push(`Web address: ${link}`);
      overTen++;
    } else if (/^(https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(link) && link.length <= 500) links.push(link);
    else keepInNotes('links', link);
  }
  if (overTen) warnings.push(`Over 10 web addresses: ${overTen === 1 ? 'the last one' : `the last ${overTen}`} kept in the notes`);
  let sector: string | null = null;
  const topics: string[] = [];
  for (const c of d.categories) {
    const known = sectorNames.get(fold(c));
    if (known && !sector) sector = known;
    else if (!known) topics.push(c);
  }
  const one: Record<OneField, string | null> = {
    name: d.name,
    role: d.role,
    organisationName: d.organisation,
    email: d.emails[0]?.trim() || null,
    phone: d.phones[0] ?? null,
  };
  // Categories that name no sector become the person's own topics (at most 30, as the form allows).
  const many: Record<ListField, string[]> = { links, topics: uniqueTopics(topics).slice(0, 30) };
  let fileNotes = d.notes;
  let cut = false;
  // Each pass sets aside what the schema refused. A value can take two (an email with a NUL in it goes to the
  // notes, and is then cleaned there), so a few passes, each of which must change something.
  for (let pass = 0; pass < 5; pass++) {
    // Notes over the limit lose the end of the file's own, never a value a warning says was kept; the limit counts
    // UTF-16 units (as the schema does), and a cut never leaves half an emoji.
    const kept = joinNotes(setAside);
    const room = MAX_NOTES - (kept ? kept.length + 2 : 0);
    const own = cut && fileNotes ? fileNotes.slice(0, Math.max(0, room)).replace(/[\uD800-\uDBFF]$/, '') : fileNotes;
    const notes = joinNotes([own, ...setAside]);
    const parsed = createPersonSchema.safeParse({ ...one, ...many, notes });
    if (parsed.success) {
      if (cut) warnings.push(`Notes over ${MAX_NOTES.toLocaleString('en-GB')} characters: cut short`);
      return { input: parsed.data, sector, warnings };
    }
    let changed = false;
    const dropped: Record<ListField, Set<number>> = { links: new Set(), topics: new Set() };
    for (const issue of parsed.error.issues) {
      const [field, index] = issue.path;
      if (field === 'notes') {
        if (issue.message !== CANNOT_STORE) cut = true;
        else {
          fileNotes = fileNotes && storableOnly(fileNotes);
          setAside.splice(0, setAside.length, ...setAside.map(storableOnly));
          warnings.push('Notes: a character that cannot be saved was taken out');
        }
        changed = true;
      } else if (field === 'links' || field === 'topics') {
        const value = typeof index === 'number' ? many[field][index] : undefined;
        if (value === undefined) continue;
        if (issue.message === CANNOT_STORE) {
          many[field][index as number] = storableOnly(value);
          warnings.push(`${SET_ASIDE[field].label}: a character that cannot be saved was taken out`);
        } else {
          keepInNotes(field, value);
          dropped[field].add(index as number);
        }
        changed = true;
      } else if (typeof field === 'string' && field in one) {
        const key = field as OneField;
        const value = one[key];
        // An absent name is asked for when there is nothing else: nothing to set aside then.
        if (!value) continue;
        if (issue.message === CANNOT_STORE) {
          one[key] = storableOnly(value);
          warnings.push(`${SET_ASIDE[key].label}: a character that cannot be saved was taken out`);
        } else {
          keepInNotes(key, value);
          one[key] = null;
        }
        changed = true;
      }
    }
    many.links = many.links.filter((_, i) => !dropped.links.has(i));
    many.topics = many.topics.filter((_, i) => !dropped.topics.has(i));
    if (!changed) {
      const nothing = parsed.error.issues.some((i) => i.path[0] === 'name' && !one.name);
      return { line: d.line, message: nothing ? NOTHING_TO_KNOW_THEM_BY : parsed.error.issues[0]!.message };
    }
  }
  return { line: d.line, message: 'This row cannot be imported as it is' };
}

/** What `changes` replaces on `p`: the fields it fills were empty; links and notes it adds to. */
function beforeOf(p: Existing, c: PlanRow['changes']): ImportedUpdate['before'] {
  const b: ImportedUpdate['before'] = {};
  for (const k of ['name', 'role', 'email', 'phone'] as const) if (c[k] !== undefined) b[k] = p[k];
  if (c.links) b.links = p.links;
  if (c.notes !== undefined) b.notes = p.notes;
  if (c.organisationName) b.organisationId = p.organisation_id;
  if (c.sectorName) b.sectorId = p.sector_id;
  return b;
}

/** What changes when `input` is imported over `p`: empty fields are filled, notes added to, nothing overwritten. */
function changesFor(p: Existing, input: PersonInput, sector: string | null, sectorFromOrganisation: boolean): PlanRow['changes'] {
  const c: PlanRow['changes'] = {};
  if (!p.name && input.name) c.name = input.name;
  if (!p.role && input.role) c.role = input.role;
  if (!p.email && input.email) c.email = input.email;
  if (!p.phone && input.phone) c.phone = input.phone;
  if (!p.organisation_id && input.organisationName) c.organisationName = input.organisationName;
  const newLinks = input.links.filter((l) => !p.links.includes(l));
  if (newLinks.length && p.links.length < 10) c.links = [...p.links, ...newLinks].slice(0, 10);
  if (input.notes && !(p.notes ?? '').includes(input.notes)) c.notes = p.notes ? `${p.notes}\n\n${input.notes}` : input.notes;
  if (sector && !sectorFromOrganisation && !p.sector_id && !p.org_sector) c.sectorName = sector;
  const had = new Set(p.topics ?? []);
  const newTopics = input.topics.filter((t) => !had.has(normaliseTopic(t)));
  if (newTopics.length) c.topics = newTopics;
  return c;
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  role: 'role',
  email: 'email',
  phone: 'phone',
  organisationName: 'organisation',
  links: 'web addresses',
  notes: 'notes',
  sectorName: 'sector',
  topics: 'topics',
};

/**
 * Matches each draft against the user's people and against the rows above it, and says per row what an import
 * would do: create; update (same email, or same name at the same organisation, with something new); or skip
 * (nothing new, or the same person as an earlier line). Reads only: the preview and the write both call it,
 * the write inside its transaction so a re-sent import sees what the first one wrote. The write also locks the
 * people it matched (`lock`): an update fills in or adds to what it read, so an edit of one of them made while a
 * long import runs waits for it (and then meets the new version) rather than being written over.
 */
export async function planImport(
  conn: DbOrTx,
  userId: string,
  drafts: ContactDraft[],
  readErrors: RowError[],
  choices: SectorChoices = {},
  { lock = false }: { lock?: boolean } = {},
): Promise<ImportPlan> {
  const sectorRows = await rows<{ name: string }>(
    conn,
    sql`select name from sectors where user_id = ${userId}::uuid and deleted_at is null order by lower(name)`,
  );
  const sectorNames = new Map(sectorRows.map((s) => [fold(s.name), s.name]));
  const errors = [...readErrors];
  const candidates: { d: ContactDraft; input: PersonInput; sector: string | null; warnings: string[] }[] = [];
  for (const d of drafts) {
    const shaped = toInput(d, sectorNames);
    if ('message' in shaped) errors.push(shaped);
    else candidates.push({ d, ...shaped });
  }
  const emails = [...new Set(candidates.map((c) => c.input.email).filter((e): e is string => !!e))];
  const knownDomains = await domainSectors(
    conn,
    userId,
    candidates.flatMap((c) => c.d.emails),
  );
  const names = [...new Set(candidates.map((c) => fold(c.input.name)).filter(Boolean))];
  const uids = [...new Set(candidates.map((c) => c.d.uid).filter((u): u is string => !!u))];
  // Those known by role alone ("Head of IT, Leeds City Council") are the same person by role and organisation.
  const roles = [
    ...new Set(
      candidates
        .filter((c) => !c.input.name)
        .map((c) => fold(c.input.role))
        .filter(Boolean),
    ),
  ];
  const orgNames = [...new Set(candidates.map((c) => fold(c.input.organisationName)).filter(Boolean))];
  // One JSON parameter rather than one bound parameter per value: a 10,000-row file stays one short statement.
  const textArray = (xs: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;
  const existing =
    emails.length || names.length || uids.length || roles.length
      ? await rows<Existing>(
          conn,
          sql`select p.id, p.name, p.role, p.email, p.phone, p.links, p.notes, p.organisation_id, o.name as organisation,
                     p.sector_id, s.name as org_sector,
                     (select array_agg(t.normalised_name) from person_topics pt
                        join topics t on t.id = pt.topic_id and t.user_id = ${userId}::uuid
                       where pt.user_id = ${userId}::uuid and pt.person_id = p.id) as topics
                from people p
                left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
                left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
               where p.user_id = ${userId}::uuid and p.deleted_at is null
                 and (lower(p.email) = any(${textArray(emails)})
                      or lower(regexp_replace(trim(p.name), '\\s+', ' ', 'g')) = any(${textArray(names)})
                      or p.id::text = any(${textArray(uids)})
                      or (p.name is null and lower(regexp_replace(trim(p.role), '\\s+', ' ', 'g')) = any(${textArray(roles)})))
               order by p.created_at, p.id
               ${lock ? sql`for update of p` : sql``}`,
        )
      : [];
  // Each organisation named in the file as the user knows it: by its name, or one merged into it.
  const orgs = await organisationsByName(conn, userId, orgNames);
  const writtenAs = await fileBySpelling(conn, userId, candidates, orgs);
  const knownOrg = (name: string | null | undefined) => (name ? orgs.get(fold(name)) : undefined);
  const byEmail = new Map<string, Existing>();
  const byName = new Map<string, Existing>();
  const byId = new Map(existing.map((p) => [p.id, p]));
  const byRole = new Map<string, Existing>();
  for (const p of existing) {
    if (p.email && !byEmail.has(p.email.toLowerCase())) byEmail.set(p.email.toLowerCase(), p);
    const key = nameKey(p.name, p.organisation);
    if (key && !byName.has(key)) byName.set(key, p);
    const described = !p.name && p.organisation ? nameKey(p.role, p.organisation) : null;
    if (described && !byRole.has(described)) byRole.set(described, p);
  }
  const matchedAt = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  const seenName = new Map<string, number>();
  const seenUid = new Map<string, number>();
  const out: PlanRow[] = [];
  for (const { d, input, sector: fileSector, warnings } of candidates) {
    const org = knownOrg(input.organisationName);
    const orgSector = org?.sector ?? null;
    const chosen = d.line in choices ? choices[d.line]! || null : undefined;
    let sector = chosen !== undefined ? (chosen ? (sectorNames.get(fold(chosen)) ?? null) : null) : (fileSector ?? orgSector);
    const sectorFromOrganisation = !!sector && sector === orgSector;
    const key = nameKey(input.name, org?.name ?? input.organisationName);
    const earlier = (input.email && seenEmail.get(input.email)) || (key && seenName.get(key)) || (d.uid && seenUid.get(d.uid));
    if (input.email) seenEmail.set(input.email, seenEmail.get(input.email) ?? d.line);
    if (d.uid) seenUid.set(d.uid, seenUid.get(d.uid) ?? d.line);
    if (key) seenName.set(key, seenName.get(key) ?? d.line);
    const spelt = writtenAs.get(d.line);
    const filedUnder: FiledUnder | null = input.organisationName
      ? {
          ...(org ? { key: `id:${org.id}`, name: org.name } : { key: `new:${fold(input.organisationName)}`, name: input.organisationName }),
          ...(spelt ? { writtenAs: spelt } : {}),
        }
      : null;
    const base = { line: d.line, input, sector, sectorFromOrganisation, organisationId: null, warnings: [], filedUnder: null };
    if (earlier) {
      out.push({ ...base, action: 'skip', reason: `The same person as line ${earlier}`, personId: null, changes: {} });
      continue;
    }
    const described = !input.name ? nameKey(input.role, org?.name ?? input.organisationName) : null;
    const match =
      (d.uid && byId.get(d.uid)) || (input.email && byEmail.get(input.email)) || (key && byName.get(key)) || (described && byRole.get(described)) || null;
    // Two rows that find one person (by different keys, or one card twice): the first speaks for them, as one row
    // each is what an update, and its undo, can account for.
    const firstFor = match ? matchedAt.get(match.id) : undefined;
    if (firstFor) {
      out.push({ ...base, action: 'skip', reason: `The same person as line ${firstFor}`, personId: match!.id, changes: {} });
      continue;
    }
    if (match) matchedAt.set(match.id, d.line);
    if (!match) {
      const guess = chosen === undefined && !sector ? guessSector(input.organisationName, d.emails, sectorNames, knownDomains) : null;
      const guessed = guess ? { sector: guess.sector, sectorGuess: guess.why } : {};
      out.push({ ...base, ...guessed, action: 'create', reason: 'New', personId: null, changes: {}, warnings, filedUnder });
      continue;
    }
    const why =
      d.uid && byId.get(d.uid) === match
        ? 'The same contact'
        : input.email && byEmail.get(input.email) === match
          ? 'Same email'
          : key && byName.get(key) === match
            ? 'Same name at the same organisation'
            : 'Same role at the same organisation';
    sector = sector && !sectorFromOrganisation ? sector : null;
    const changes = changesFor(match, input, sector, sectorFromOrganisation);
    const fields = Object.keys(changes).map((k) => FIELD_WORDS[k] ?? k);
    out.push(
      fields.length
        ? {
            ...base,
            action: 'update',
            reason: `${why}: adds ${fields.join(', ')}`,
            personId: match.id,
            changes,
            organisationId: match.organisation_id,
            warnings,
            // Filed under the file's organisation only when the update gives them one (they had none).
            filedUnder: changes.organisationName ? filedUnder : null,
            before: beforeOf(match, changes),
          }
        : { ...base, action: 'skip', reason: `${why}: nothing new`, personId: match.id, changes },
    );
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: out, errors, sectors: sectorRows.map((s) => s.name) };
}

/**
 * For each work domain of `emails` where the user already knows people, the one sector those people are in (their
 * own or their organisation's); a domain whose people are in two sectors or more says nothing. Read once per import
 * (not through an index: an import is rare, and the user's people with an email are read at most once).
 */
async function domainSectors(conn: DbOrTx, userId: string, emails: string[]): Promise<Map<string, string>> {
  const domains = [...new Set(emails.map(workDomain).filter((d): d is string => !!d))];
  if (domains.length === 0) return new Map();
  const found = await rows<{ domain: string; sector: string }>(
    conn,
    sql`select lower(split_part(p.email, '@', 2)) as domain, min(s.name) as sector
          from people p
          join sectors s on s.id = p.effective_sector_id and s.user_id = ${userId}::uuid and s.deleted_at is null
         where p.user_id = ${userId}::uuid and p.deleted_at is null and p.email is not null
           and lower(split_part(p.email, '@', 2)) in (select jsonb_array_elements_text(${JSON.stringify(domains)}::jsonb))
         group by 1
        having count(distinct s.id) = 1`,
  );
  return new Map(found.map((r) => [r.domain, r.sector]));
}

type KnownOrganisation = { id: string; name: string; sector: string | null };

/** Names by their words (spellingOf), each with its legal form: what a name written otherwise may be. */
class Spellings<T> {
  private readonly byBase = new Map<string, { spelling: Spelling; value: T }[]>();
  add(name: string, value: T): void {
    const spelling = spellingOf(name);
    if (!spelling.base) return;
    const list = this.byBase.get(spelling.base) ?? [];
    list.push({ spelling, value });
    this.byBase.set(spelling.base, list);
  }
  /** The one value `name` is a spelling of; none when there is none, or two it could be ("Acme" beside "Acme Ltd" and "Acme Inc"). */
  one(name: string, same: (a: T, b: T) => boolean): T | undefined {
    const spelling = spellingOf(name);
    const found = (this.byBase.get(spelling.base) ?? []).filter((e) => sameSpelling(e.spelling, spelling)).map((e) => e.value);
    return found.length && found.every((v) => same(v, found[0]!)) ? found[0] : undefined;
  }
}

/**
 * Files an organisation the file writes otherwise than the user does under the user's own (spellingOf: "HM Revenue &
 * Customs" for their "HM Revenue and Customs", or for a name they merged into one; "ACME Limited" for their "Acme
 * Ltd", but not "Acme Inc"), and one new name written two ways in the file under the way it is first written: the
 * row's organisation name becomes that one (so the write, which plans again, finds it by name), and its person is
 * matched at it. A name that could be either of two of the user's organisations is filed under neither. `orgs`
 * (folded name → organisation) learns the names found. Answers line → the file's own spelling, for each row so filed.
 * Looser likenesses are not filed here: /organisations asks about them afterwards.
 */
async function fileBySpelling(
  conn: DbOrTx,
  userId: string,
  candidates: { d: ContactDraft; input: PersonInput }[],
  orgs: Map<string, KnownOrganisation>,
): Promise<Map<number, string>> {
  const writtenAs = new Map<number, string>();
  const unknown = candidates.filter((c) => c.input.organisationName && !orgs.has(fold(c.input.organisationName)));
  if (unknown.length === 0) return writtenAs;
  // Names only (and the names merged into each), through the user's own index.
  const book = await rows<KnownOrganisation & { aliases: string[] }>(
    conn,
    sql`select o.id::text, o.name, s.name as sector, o.aliases from organisations o
          left join sectors s on s.id = o.sector_id and s.user_id = ${userId}::uuid
         where o.user_id = ${userId}::uuid and o.deleted_at is null`,
  );
  const known = new Spellings<KnownOrganisation>();
  for (const { aliases, ...o } of book) for (const name of [o.name, ...(aliases ?? [])]) known.add(name, o);
  const firstInFile = new Spellings<string>();
  // The legal forms each organisation has taken in ("Acme" took "Acme Ltd"): it then takes no other ("Acme Inc"),
  // whatever order the file gives them in.
  const forms = new Map<string, Set<string>>();
  const takes = (key: string, own: string, form: string) => {
    const taken = forms.get(key) ?? new Set([spellingOf(own).form]);
    forms.set(key, taken);
    if (form && [...taken].some((f) => f && f !== form)) return false;
    taken.add(form);
    return true;
  };
  for (const { d, input } of unknown) {
    const name = input.organisationName!;
    const theirs = known.one(name, (a, b) => a.id === b.id);
    const first = theirs?.name ?? firstInFile.one(name, (a, b) => a === b);
    if (!first || !takes(theirs ? `id:${theirs.id}` : `new:${fold(first)}`, first, spellingOf(name).form)) {
      firstInFile.add(name, name);
      continue;
    }
    if (theirs) orgs.set(fold(theirs.name), theirs);
    if (fold(first) === fold(name)) continue;
    input.organisationName = first;
    writtenAs.set(d.line, name);
  }
  return writtenAs;
}
