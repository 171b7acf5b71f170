/**
 * The event's reflection is the user's own, private until they write a post from it. Two guards, both pure (the
 * composer runs on the server, the publish question in the browser):
 * - a line the user starts with "Private:" (or "Off the record:", "Not for the post:") never goes into a draft;
 * - publishing says when the post still carries words of the reflection, so they are read once more first.
 */

// Also as a list item: "- Private: …", "1. Off the record – …".
const PRIVATE_LINE = /^\s*(?:(?:[-*•+]|\d{1,2}[.)])\s*)?(?:private|off[ -]the[ -]record|not for (?:the |a )?posts?)\s*[:–—-]/i;

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
/** How many words of a fact in a row make it repeated: a draft may shorten a fact ("…"), or put a description in place of a private person's name. */
const RUN = 5;

/**
 * The facts people told the user that `text` repeats, each with who said it: what the publish question names, so that
 * "Sam told me that the Home Office is re-tendering…" is read once more as public. Compared as the reflection is
 * (case, punctuation and escapes aside); a fact counts when the text has it whole or any RUN of its words in a row, so
 * one the social style cut short, or one whose private speaker's name the draft replaced, is still found.
 */
export function factsRepeated<T extends { text: string; name: string }>(text: string, facts: T[]): T[] {
  if (facts.length === 0) return [];
  const hay = ` ${fold(text)} `;
  return facts.filter((f) => {
    const words = fold(f.text).split(' ');
    if (words.length < MIN_FACT_WORDS) return false;
    const run = Math.min(RUN, words.length);
    for (let i = 0; i + run <= words.length; i++) if (hay.includes(` ${words.slice(i, i + run).join(' ')} `)) return true;
    return false;
  });
}
