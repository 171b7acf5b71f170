/** Someone met at the post's event, by name: who a post might name in public. */
export interface NamedPerson {
  id?: string;
  name: string;
  keepPrivate: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;

/** Whether `needle` occurs in `text` as a whole word; `exactCase` also requires the same capitals. */
function hasWord(text: string, needle: string, exactCase: boolean): boolean {
  const hay = exactCase ? text : text.toLowerCase();
  const word = exactCase ? needle : needle.toLowerCase();
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + word.length];
    if ((!before || !LETTER.test(before)) && (!after || !LETTER.test(after))) return true;
  }
  return false;
}

const partsOf = (name: string) => name.split(/[\s-]+/).filter((p) => p.length >= 3);

/**
 * Of the people met, those the text names: by full name in any case, or by a part of their name written as a
 * name (capitalised, "Smith was right") that no one else met there shares. "Owen Chen" then names Owen Chen,
 * not every Chen in the room, and "the grace period" names no Grace.
 */
export function namedIn(text: string, met: NamedPerson[]): NamedPerson[] {
  const count = new Map<string, number>();
  for (const p of met) for (const part of new Set(partsOf(p.name).map((x) => x.toLowerCase()))) count.set(part, (count.get(part) ?? 0) + 1);
  return met.filter(
    (p) =>
      hasWord(text, p.name, false) || partsOf(p.name).some((part) => count.get(part.toLowerCase()) === 1 && /^\p{Lu}/u.test(part) && hasWord(text, part, true)),
  );
}
