import type { ComposePerson } from './types';
import { clean, joinList, numberWord, orgRef, pluralRole, roleArticle, roleInProse, roleLink, roleNoun, withThe } from './english';
import { nameAsWritten } from '@/lib/people/name-parts';

/** How the composer may refer to one person, as plain text (the caller escapes it for Markdown). */
export interface PersonRefs {
  /** First mention: "Jo Bloggs, head of IT at the Home Office" / "the head of IT at the Home Office". */
  full: string;
  /** Later mentions: "Jo Bloggs" / "the head of IT at the Home Office". */
  short: string;
  /** True when the person may be named in public (has a name and did not ask to stay unnamed). */
  named: boolean;
}

// Sectors that say only that the person has none of the others ("Other", one of the defaults): no sector to name.
const NO_SECTOR = /^(other|others|misc|miscellaneous|various|unknown|none|n\/a)$/i;

/** True when the post may use this person's name. */
export function isNamed(p: ComposePerson): boolean {
  return !p.keepPrivate && clean(p.name) !== '';
}

/**
 * The first and later ways to refer to a person, honouring "don't name in public". `onlyOneWithRole`: nobody else at the
 * evening is described by this title, so a later mention needs no organisation ("the head of IT").
 */
export function personRefs(p: ComposePerson, unnamed: 'role' | 'sector' | 'guest' = 'role', onlyOneWithRole = false): PersonRefs {
  const name = nameAsWritten(clean(p.name));
  const role = roleInProse(roleNoun(clean(p.role)));
  const org = orgRef(clean(p.organisation));
  if (isNamed(p)) {
    const detail = role && org ? `, ${role} ${roleLink(role)} ${org}` : role ? `, ${role}` : org ? ` from ${org}` : '';
    return { full: name + detail, short: name, named: true };
  }
  // Someone who asked not to be named, referred to as the user chose (Settings → Writing).
  if (p.keepPrivate && unnamed === 'guest') return { full: 'a fellow guest', short: 'that guest', named: false };
  if (p.keepPrivate && unnamed === 'sector' && clean(p.sector) && !NO_SECTOR.test(clean(p.sector))) {
    const s = sectorPlace(clean(p.sector));
    return { full: `someone from ${s}`, short: `the person from ${s}`, named: false };
  }
  if (role && org) {
    const at = `${role} ${roleLink(role)} ${org}`;
    return { full: `${roleArticle(role, true)} ${at}`, short: `the ${onlyOneWithRole ? role : at}`, named: false };
  }
  if (role) return { full: `${roleArticle(role, false)} ${role}`, short: `the ${role}`, named: false };
  if (org) return { full: `someone from ${org}`, short: `the person from ${org}`, named: false };
  const full = p.keepPrivate ? 'another guest' : "someone whose name I didn't catch";
  return { full, short: p.keepPrivate ? 'one guest' : 'one person I met', named: false };
}

type Group = { key: string; members: ComposePerson[] };

function groupBy(people: ComposePerson[], keyOf: (p: ComposePerson) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const p of people) {
    const key = keyOf(p);
    const g = groups.get(key) ?? { key, members: [] };
    g.members.push(p);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const distinct = (values: string[]) => [...new Map(values.map((v) => [v.toLowerCase(), v])).values()];

/** Several unnamed people who share a job title: "heads of IT from the Home Office, HM Treasury and the Cabinet Office". */
function sameRolePhrase(members: ComposePerson[]): string {
  const role = roleInProse(roleNoun(clean(members[0]!.role)));
  if (members.length === 1) return personRefs(members[0]!).full;
  const plural = pluralRole(role);
  const orgs = distinct(members.map((m) => clean(m.organisation)).filter(Boolean));
  const orgList = joinList(orgs.map((o) => orgRef(o)));
  const count = numberWord(members.length);
  const allHaveOrg = members.every((m) => clean(m.organisation));
  if (orgs.length === 0) return `${count} ${plural}`;
  if (allHaveOrg && orgs.length === members.length) return `${plural} from ${orgList}`;
  if (allHaveOrg) return `${count} ${plural} from ${orgList}`;
  return `${count} ${plural}, among them people from ${orgList}`;
}

/** Named people of one organisation: "Jo Bloggs (CIO) and Sam Lee (CTO), both from the Home Office". */
function sameOrgNamedPhrase(members: ComposePerson[], org: string): string {
  if (members.length === 1) return personRefs(members[0]!).full;
  // One style in one list: where a title has to stay as typed ("Head of Cyber Security"), the others beside it stay as
  // typed too, not "Rachel Davies (Head of Cyber Security) and Sam Rossi (chief information officer)".
  const typed = members.map((m) => clean(m.role));
  const lowered = typed.map(roleNoun);
  const mixed = typed.some((t, i) => t && /\p{Lu}\p{Ll}/u.test(t) && lowered[i] === t) && typed.some((t, i) => lowered[i] !== t);
  const names = members.map((m, i) => {
    const role = mixed ? typed[i] : lowered[i];
    const name = nameAsWritten(clean(m.name));
    return role ? `${name} (${role})` : name;
  });
  const both = members.length === 2 ? 'both' : `all ${numberWord(members.length)}`;
  return `${joinList(names)}, ${both} from ${orgRef(org)}`;
}

/**
 * The people of one sector as list items, grouped the way a person would tell it: named people by
 * organisation, unnamed people by job title across organisations, the rest by organisation or counted.
 */
export function peoplePhrases(everyone: ComposePerson[], unnamedAs: 'role' | 'sector' | 'guest' = 'role'): string[] {
  const phrases: { at: number; text: string }[] = [];
  const order = new Map(everyone.map((p, i) => [p.id, i]));
  const first = (ms: ComposePerson[]) => Math.min(...ms.map((m) => order.get(m.id) ?? 0));
  // People who asked not to be named, when the user refers to them by sector or as guests: not by role.
  const hidden = unnamedAs === 'role' ? [] : everyone.filter((p) => p.keepPrivate);
  const people = everyone.filter((p) => !hidden.includes(p));
  if (unnamedAs === 'guest' && hidden.length > 1) phrases.push({ at: first(hidden), text: `${numberWord(hidden.length)} fellow guests` });
  else for (const h of hidden) phrases.push({ at: first([h]), text: personRefs(h, unnamedAs).full });

  const named = people.filter(isNamed);
  for (const g of groupBy(named, (p) => clean(p.organisation).toLowerCase())) {
    if (g.key === '') for (const m of g.members) phrases.push({ at: first([m]), text: personRefs(m).full });
    else phrases.push({ at: first(g.members), text: sameOrgNamedPhrase(g.members, clean(g.members[0]!.organisation)) });
  }
  const unnamed = people.filter((p) => !isNamed(p));
  const withRole = unnamed.filter((p) => clean(p.role));
  for (const g of groupBy(withRole, (p) => roleNoun(clean(p.role)).toLowerCase())) {
    phrases.push({ at: first(g.members), text: sameRolePhrase(g.members) });
  }
  const orgOnly = unnamed.filter((p) => !clean(p.role) && clean(p.organisation));
  for (const g of groupBy(orgOnly, (p) => clean(p.organisation).toLowerCase())) {
    const org = orgRef(clean(g.members[0]!.organisation));
    const text = g.members.length === 1 ? `someone from ${org}` : `${numberWord(g.members.length)} people from ${org}`;
    phrases.push({ at: first(g.members), text });
  }
  const nothing = unnamed.filter((p) => !clean(p.role) && !clean(p.organisation));
  if (nothing.length === 1) phrases.push({ at: first(nothing), text: personRefs(nothing[0]!).full });
  if (nothing.length > 1) phrases.push({ at: first(nothing), text: `${numberWord(nothing.length)} other guests` });

  return phrases.sort((a, b) => a.at - b.at).map((p) => p.text);
}

/** People grouped by sector, sectors in order of first appearance; unknown sector (or "Other") last. */
export function bySector(people: ComposePerson[]): { sector: string | null; people: ComposePerson[] }[] {
  const groups = groupBy(people, (p) => (NO_SECTOR.test(clean(p.sector)) ? '' : clean(p.sector).toLowerCase()));
  const known = groups.filter((g) => g.key !== '').map((g) => ({ sector: clean(g.members[0]!.sector), people: g.members }));
  const unknown = groups.find((g) => g.key === '');
  return unknown ? [...known, { sector: null, people: unknown.members }] : known;
}

/**
 * A sector name as a noun mid-sentence: "Higher education" → "higher education", "NHS" kept. A name with another
 * capitalised word ("Financial Services", "London Councils") is kept as typed rather than half lower-cased.
 */
export function sectorNoun(sector: string): string {
  const typed = clean(sector);
  const [first = '', ...rest] = typed.split(' ');
  if (!/^\p{Lu}\p{Ll}*$/u.test(first) || rest.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) return typed;
  return first.charAt(0).toLowerCase() + typed.slice(1);
}

/**
 * A sector as somewhere people work, after "in" or "from": "finance", "higher education", with "the" where
 * English wants one ("the NHS", "the public sector", "the Civil Service").
 */
export function sectorPlace(sector: string): string {
  const noun = sectorNoun(sector);
  return /\bsector$/i.test(noun) && !/^the\s/i.test(noun) ? `the ${noun}` : withThe(noun);
}
