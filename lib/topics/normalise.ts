/** A topic's identity: lower-case, trimmed, inner whitespace collapsed ("Open  Data" = "open data"). */
export function normaliseTopic(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Topic names as the user typed them (trimmed, spaces collapsed), without case-insensitive repeats. */
export function uniqueTopics(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
