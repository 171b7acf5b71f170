import { displayName } from '@/lib/people/display-name';

/** How a person is named in follow-up lists: the people feature's rule (no name → "Role, Organisation"). */
export function personLabel(p: { name: string | null; role: string | null; organisation: string | null }): string {
  return displayName({ name: p.name, role: p.role, organisationName: p.organisation });
}
