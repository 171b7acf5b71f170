/**
 * Finding names in what the user typed and putting something else in their place: how a published post and the
 * calendar feed keep a private person's name out of a follow-up or a fact ("Call Raj Patel about the deal"). One
 * walk over the words of the text, trying at each word only the names that start with it, so the cost follows the
 * length of the text and not the size of the address book; names are compared as plain strings, never made into
 * regular expressions.
 */

/** One thing to find and what to put in its place. */
export interface NameRule {
  find: string;
  /** Only as written ("Grace", not "grace"): a lone first name that is also an English word. */
  exactCase: boolean;
  by: string;
}

/** Rules ready to look up: keyed by their first word, lower-cased, longest first within a key. */
export type NameIndex = Map<string, (NameRule & { lead: number })[]>;

const WORD = /[\p{L}\p{N}]+/gu;
const LETTER = /[\p{L}\p{N}]/u;

/** Indexes rules so that "Jo Bloggs" is tried before "Jo", and each only at a word it can start with. */
export function nameIndex(rules: NameRule[]): NameIndex {
  const byKey: NameIndex = new Map();
  for (const rule of rules) {
    const first = rule.find.match(/[\p{L}\p{N}]+/u);
    if (!first) continue;
    const key = first[0].toLowerCase();
    // `lead`: what comes before the first word (a name typed as "‘Raj’ Patel" starts with a quote).
    byKey.set(key, [...(byKey.get(key) ?? []), { ...rule, lead: first.index! }]);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.find.length - a.find.length);
  return byKey;
}

/**
 * `text` with what the indexes find replaced: whole words only (nothing before or after it is a letter or a
 * digit), the earliest first; at one place, the first index that finds something wins, and within it the longest.
 */
export function replaceNames(text: string, ...indexes: NameIndex[]): string {
  let out = '';
  let from = 0;
  for (const word of text.matchAll(WORD)) {
    const at = word.index;
    // A word inside text already replaced (the rest of a matched name) starts nothing.
    if (at < from) continue;
    const key = word[0].toLowerCase();
    let hit: (NameRule & { start: number }) | undefined;
    for (const byKey of indexes) {
      for (const r of byKey.get(key) ?? []) {
        const start = at - r.lead;
        if (start < from) continue;
        const found = text.slice(start, start + r.find.length);
        const same = r.exactCase ? found === r.find : found.toLowerCase() === r.find.toLowerCase();
        const before = text[start - 1];
        const after = text[start + r.find.length];
        if (same && (before === undefined || !LETTER.test(before) || r.lead === 0) && (after === undefined || !LETTER.test(after))) {
          hit = { ...r, start };
          break;
        }
      }
      if (hit) break;
    }
    if (!hit) continue;
    // A name that starts inside the one found and runs past its end ("Ann Mo" and "Mo Li-Wu" in "Ann Mo Li-Wu") is
    // taken with it: both descriptions replace the whole run, so neither name is left half said.
    let end = hit.start + hit.find.length;
    const bys = [hit.by];
    for (let grew = true; grew;) {
      grew = false;
      for (const inner of text.slice(hit.start + 1, end).matchAll(WORD)) {
        const innerAt = hit.start + 1 + inner.index;
        if (innerAt === hit.start || LETTER.test(text[innerAt - 1] ?? '')) continue;
        const key = inner[0].toLowerCase();
        const longer = indexes
          .flatMap((byKey) => byKey.get(key) ?? [])
          .find((r) => {
            const s = innerAt - r.lead;
            const found = text.slice(s, s + r.find.length);
            const same = r.exactCase ? found === r.find : found.toLowerCase() === r.find.toLowerCase();
            const after = text[s + r.find.length];
            return same && s + r.find.length > end && (after === undefined || !LETTER.test(after));
          });
        if (longer) {
          end = innerAt - longer.lead + longer.find.length;
          if (!bys.includes(longer.by)) bys.push(longer.by);
          grew = true;
          break;
        }
      }
    }
    out += text.slice(from, hit.start) + bys.join(' ');
    from = end;
  }
  return out + text.slice(from);
}
