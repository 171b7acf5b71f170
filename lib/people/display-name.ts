/** The fields that name a person on screen; any row or API shape with these works. */
export interface NameableFields {
  name?: string | null;
  role?: string | null;
  /** The organisation's name, when known. */
  organisationName?: string | null;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * How a person is shown everywhere: their name, or else "Role, Organisation" ("Head of IT, Leeds City
 * Council"), or whichever of the two is known, or "Someone unnamed" when nothing is.
 */
export function displayName(person: NameableFields): string {
  const name = clean(person.name);
  if (name) return name;
  const described = [clean(person.role), clean(person.organisationName)].filter(Boolean).join(', ');
  return described || 'Someone unnamed';
}

/**
 * How a person may be described in something public (a published post): by name unless they asked not to
 * be named, in which case by role and organisation only.
 */
export function publicName(person: NameableFields & { keepPrivate?: boolean | null }): string {
  if (!person.keepPrivate) return displayName(person);
  const described = [clean(person.role), clean(person.organisationName)].filter(Boolean).join(', ');
  return described || 'Someone I met';
}
