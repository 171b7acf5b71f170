/**
 * How a person is named in follow-up lists. Local fallback: lib/people had no displayName() when this was
 * written; it follows the same rule (no name → "Role, Organisation").
 */
export function personLabel(p: { name: string | null; role: string | null; organisation: string | null }): string {
  const name = p.name?.trim();
  if (name) return name;
  const parts = [p.role?.trim(), p.organisation?.trim()].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Unnamed person';
}
