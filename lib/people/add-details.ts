import type { PersonView } from './queries';
import type { PersonInput } from './validation';

/** The person as they are, as far as adding to them goes: a PersonView, of which only these fields are read. */
export type PersonBefore = Pick<PersonView, 'name' | 'role' | 'email' | 'phone' | 'links' | 'notes' | 'topics' | 'keepPrivate'> & {
  organisation: { name: string } | null;
  sector: { id: string } | null;
};

/** What adding the typed details changes: the columns to set, a new organisation by name, and the whole topic list. */
export interface DetailsToAdd {
  set: Partial<Pick<PersonInput, 'name' | 'role' | 'sectorId' | 'email' | 'phone' | 'links' | 'notes' | 'keepPrivate'>>;
  organisationName?: string;
  topics?: string[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What the "Add these details to …" answer of the person form writes to someone already in the address book: a
 * field they lack is filled; one they have is never overwritten, and a different value typed for it goes into their
 * notes ("Other email: …"), so nothing the user typed is lost and nothing known is. Links and topics are added to;
 * "don't name in public" is only ever turned on. Pure.
 */
export function detailsToAdd(before: PersonBefore, typed: PersonInput): DetailsToAdd {
  const out: DetailsToAdd = { set: {} };
  const aside: string[] = [];
  const fill = (key: 'name' | 'role' | 'email' | 'phone', label: string) => {
    const value = typed[key];
    if (!value) return;
    const have = before[key];
    if (!have) out.set[key] = value;
    else if (!same(have, value)) aside.push(`${label}: ${value}`);
  };
  fill('name', 'Also known as');
  fill('role', 'Role');
  fill('email', 'Other email');
  fill('phone', 'Other phone');
  if (typed.organisationName) {
    if (!before.organisation) out.organisationName = typed.organisationName;
    else if (!same(before.organisation.name, typed.organisationName)) aside.push(`Organisation: ${typed.organisationName}`);
  }
  if (typed.sectorId && !before.sector) out.set.sectorId = typed.sectorId;
  const links = (typed.links ?? []).filter((l) => !before.links.some((have) => same(have, l)));
  if (links.length) out.set.links = [...before.links, ...links];
  const topics = (typed.topics ?? []).filter((t) => !before.topics.some((have) => same(have, t)));
  if (topics.length) out.topics = [...before.topics, ...topics];
  if (typed.keepPrivate && !before.keepPrivate) out.set.keepPrivate = true;
  const notes = typed.notes && !(before.notes ?? '').toLowerCase().includes(typed.notes.trim().toLowerCase()) ? typed.notes.trim() : null;
  const added = [notes, aside.join('\n') || null].filter((p): p is string => !!p);
  if (added.length) out.set.notes = [before.notes?.trim() || null, ...added].filter(Boolean).join('\n\n');
  return out;
}
