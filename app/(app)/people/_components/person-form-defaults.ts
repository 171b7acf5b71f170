import type { PersonView } from '@/lib/people/queries';

export interface PersonFormDefaults {
  name: string;
  role: string;
  organisationName: string;
  sectorId: string;
  email: string;
  phone: string;
  links: string;
  notes: string;
  /** Comma-separated, as the form's one field shows them. */
  topics: string;
  keepPrivate: boolean;
  version?: number;
}

/** The person's fields as the form shows them. */
export function formDefaults(p: PersonView | null): PersonFormDefaults {
  return {
    name: p?.name ?? '',
    role: p?.role ?? '',
    organisationName: p?.organisation?.name ?? '',
    sectorId: p?.ownSectorId ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    links: p?.links.join('\n') ?? '',
    notes: p?.notes ?? '',
    topics: p?.topics.join(', ') ?? '',
    keepPrivate: p?.keepPrivate ?? false,
    version: p?.version,
  };
}
