/**
 * The event's reflection is the user's own, private until they write a post from it. Two guards, both pure (the
 * composer runs on the server, the publish question in the browser):
 * - a line the user starts with "Private:" (or "Off the record:", "Not for the post:") never goes into a draft;
 * - publishing says when the post still carries words of the reflection, so they are read once more first.
 */

const PRIVATE_LINE = /^\s*(?:private|off[ -]the[ -]record|not for (?:the |a )?posts?)\s*[:–—-]/i;

/** The reflection without the lines marked private; paragraphs left empty by that go too. */
export function withoutPrivateLines(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .filter((line) => !PRIVATE_LINE.test(line))
        .join('\n')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** Lower case, letters and digits only, one space between words: Markdown escapes and line breaks do not matter. */
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A sentence must have this many words to count as quoted, so "Good night." is not. */
const MIN_WORDS = 4;

/**
 * The first sentence of `reflection` that `text` carries (compared without case, punctuation or escapes), or null.
 * What the publish question quotes back to the user.
 */
export function reflectionQuoted(text: string, reflection: string | null | undefined): string | null {
  if (!reflection) return null;
  const hay = ` ${fold(text)} `;
  for (const sentence of reflection.split(/(?<=[.!?])\s+|\n+/)) {
    const folded = fold(sentence);
    if (folded.split(' ').length >= MIN_WORDS && hay.includes(` ${folded} `)) return sentence.trim();
  }
  return null;
}

/** A fact must have this many words to be looked for: "Yes." is not a fact anyone quoted. */
const MIN_FACT_WORDS = 3;

/**
 * The facts people told the user that `text` repeats (compared as the reflection is), each with who said it: what the
 * publish question names, so that "Sam told me that the Home Office is re-tendering…" is read once more as public.
 */
export function factsRepeated<T extends { text: string; name: string }>(text: string, facts: T[]): T[] {
  if (facts.length === 0) return [];
  const hay = ` ${fold(text)} `;
  return facts.filter((f) => {
    const folded = fold(f.text);
    return folded.split(' ').length >= MIN_FACT_WORDS && hay.includes(` ${folded} `);
  });
}
