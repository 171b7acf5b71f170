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
  /**
   * Only as written ("Grace", not "the grace period"): a lone first name that is also an English word. In lower case
   * only right after a word that calls on someone ("send grace the deck", "coffee with jo"), as typed on a phone.
   */
  exactCase: boolean;
  by: string;
}

/** Rules ready to look up: keyed by their first word, lower-cased, longest first within a key. */
type IndexedRule = NameRule & { lead: number };
export type NameIndex = Map<string, IndexedRule[]>;

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
  /** The first rule of the indexes (in order, longest first) that stands whole in `text` at the word at `at`. */
  const ruleAt = (at: number, word: string, fits: (start: number, r: IndexedRule) => boolean) => {
    for (const byKey of indexes) {
      for (const r of byKey.get(word.toLowerCase()) ?? []) {
        const start = at - r.lead;
        if (fits(start, r) && standsAt(text, r, start)) return { ...r, start };
      }
    }
    return undefined;
  };
  let out = '';
  let from = 0;
  for (const word of text.matchAll(WORD)) {
    // A word inside text already replaced (the rest of a matched name) starts nothing.
    if (word.index < from) continue;
    const hit = ruleAt(word.index, word[0], (start) => start >= from);
    if (!hit) continue;
    // A name that starts inside the one found and runs past its end ("Ann Mo" and "Mo Li-Wu" in "Ann Mo Li-Wu") is
    // taken with it: both descriptions replace the whole run, so neither name is left half said.
    let end = hit.start + hit.find.length;
    const bys = [hit.by];
    for (let grew = true; grew;) {
      grew = false;
      for (const inner of text.slice(hit.start + 1, end).matchAll(WORD)) {
        const innerAt = hit.start + 1 + inner.index;
        // Only a word's start (the slice may begin inside one).
        if (LETTER.test(text[innerAt - 1] ?? '')) continue;
        const longer = ruleAt(innerAt, inner[0], (start, r) => start + r.find.length > end);
        if (longer) {
          end = longer.start + longer.find.length;
          if (!bys.includes(longer.by)) bys.push(longer.by);
          grew = true;
          break;
        }
      }
    }
    // A description that takes a name's place at the start of a sentence starts it with a capital: "… off. The CTO at
    // Acme agreed", not "the CTO at Acme agreed". Not at the start of the text, which a caller may set mid-sentence.
    const by = bys.join(' ');
    // Read off the few characters before the name in the text itself (not all that is written so far, which made a
    // long text quadratic); "e.g." and "Dr." end no sentence.
    const before = text.slice(Math.max(0, hit.start - 12), hit.start);
    const opens = /(?:[.!?]["'”’)]*\s+|\n\s*)$/u.test(before) && !/(?:^|\s)(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|Rev)\.\s+$/i.test(before);
    out += text.slice(from, hit.start) + (opens ? by.charAt(0).toUpperCase() + by.slice(1) : by);
    from = end;
  }
  return out + text.slice(from);
}

/**
 * The words just before a word (up to 24 characters of them) after which a name part in lower case is someone being
 * called on: "send jo the deck", "coffee with grace", "talk to will". Not "to" alone nor "and": "to mark the date"
 * and "and bill them" keep their verbs. The post editor's check and publishing apply it too (namedIn), with
 * NOT_CALLED_ON below.
 */
export const CALLS_ON =
  /(?:^|[^\p{L}\p{N}])(?:with|from|send|sent|ask|asked|email|emailed|call|called|ring|rang|phone|phoned|text|texted|message|messaged|tell|told|thank|thanked|thanks|ping|pinged|remind|reminded|meet|meeting|met|cc|chase|chased|invite|invited|introduce|introduced|intro|(?:talk|talked|speak|spoke|write|wrote|reply|replied|back|chat|chatted|introduce|introduced|intro) to)\s+$/iu;

/**
 * The words just after a name part in lower case that make it a verb or a month, not someone: "the meeting will be
 * on Monday", "the call may run over", "from may onwards". What follows a name called on is its object or a
 * preposition ("send jo the deck", "with li on Friday"), never one of these.
 */
export const NOT_CALLED_ON =
  /^\s+(?:be|been|have|has|not|also|need|needs|take|make|go|come|get|see|do|run|start|cover|include|follow|help|bring|show|give|look|keep|let|put|say|try|use|work|want|probably|likely|still|only|just|never|always|onwards)\b/iu;

/**
 * Whether the word of `text` from `start` to `end`, written in lower case, is someone called on: CALLS_ON in the 24
 * characters before it and NOT_CALLED_ON not in the 16 after. The post editor applies the same two patterns, sent to
 * it as data (lib/posts/mentions.ts, whose bundle cannot take this module).
 */
export function calledOnAt(text: string, start: number, end: number): boolean {
  return CALLS_ON.test(text.slice(Math.max(0, start - 24), start)) && !NOT_CALLED_ON.test(text.slice(end, end + 16));
}

/** Whether rule `r` stands in `text` at `start` as whole words: its text (in its case rule), and no letter on either side. */
function standsAt(text: string, r: IndexedRule, start: number): boolean {
  const found = text.slice(start, start + r.find.length);
  const end = start + r.find.length;
  const same = r.exactCase
    ? found === r.find || (found === r.find.toLowerCase() && calledOnAt(text, start, end))
    : found.toLowerCase() === r.find.toLowerCase();
  const before = text[start - 1];
  const after = text[end];
  // A rule that starts at a word (lead 0) has no letter before it: WORD matches whole runs.
  return same && (r.lead === 0 || before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after));
}
