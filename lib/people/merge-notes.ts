/** Notes of both records, each kept once, the kept record's first. */
export function mergeNotes(a: string | null, b: string | null): string | null {
  const parts = [a?.trim(), b?.trim()].filter((s): s is string => !!s);
  if (parts.length === 2 && parts[0] === parts[1]) return parts[0]!;
  return parts.length ? parts.join('\n\n') : null;
}
