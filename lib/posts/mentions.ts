/** Someone met at the post's event, by name: who a post might name in public. */
export interface NamedPerson {
  name: string;
  keepPrivate: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;

/** Whether `text` mentions the person: their full name, or a part of it of three letters or more, as a whole word. */
export function mentions(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  const parts = [name, ...name.split(/[\s-]+/).filter((p) => p.length >= 3)].map((p) => p.toLowerCase());
  return parts.some((part) => {
    for (let at = lower.indexOf(part); at >= 0; at = lower.indexOf(part, at + 1)) {
      const before = lower[at - 1];
      const after = lower[at + part.length];
      if ((!before || !LETTER.test(before)) && (!after || !LETTER.test(after))) return true;
    }
    return false;
  });
}

/** Of the people met, those the text names: the ones to confirm before publishing. */
export function namedIn(text: string, met: NamedPerson[]): NamedPerson[] {
  return met.filter((p) => mentions(text, p.name));
}
