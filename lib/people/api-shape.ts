import type { PersonView } from './queries';
import type { PersonListItem } from './search';

/** A search result as the JSON API shows it. */
export function toApiListItem(p: PersonListItem) {
  return {
    id: p.id,
    name: p.name,
    displayName: p.displayName,
    role: p.role,
    organisation: p.organisation,
    sector: p.sector?.name ?? null,
    email: p.email,
    lastMetAt: p.lastMetAt?.toISOString() ?? null,
    keepInTouch: p.keepInTouch,
    nextContactDue: p.nextContactDue,
    lastContactAt: p.lastContactOn,
  };
}

/** A person as the JSON API shows them. */
export function toApiPerson(p: PersonView) {
  return {
    id: p.id,
    name: p.name,
    displayName: p.displayName,
    role: p.role,
    organisation: p.organisation,
    sector: p.sector,
    ownSectorId: p.ownSectorId,
    email: p.email,
    phone: p.phone,
    links: p.links,
    notes: p.notes,
    topics: p.topics,
    keepPrivate: p.keepPrivate,
    lastMetAt: p.lastMetAt?.toISOString() ?? null,
    keepInTouch: p.keepInTouch,
    effectiveKeepInTouch: p.keepInTouch ?? p.sectorKeepInTouch,
    nextContactDue: p.nextContactDue,
    lastContactAt: p.lastContactOn,
    contactSnoozedUntil: p.contactSnoozedUntil,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
