import { and, eq } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { insights, redactedTexts } from '@/db/schema';
import { privateNamesIn } from './named';
import { slugify as slugWords } from '@/lib/slug';
import { nameWord } from '@/lib/people/name-parts';

/**
 * Off-the-record facts are left out of every draft (see source.ts), and cut from anything that leaves the app
 * (the public page, the feed, an exported post) in case a post was written, or composed, before the fact
 * was marked. The cut is by the fact's words, whatever their case, Markdown escapes or line breaks, and by the words
 * the fact had before it was edited or deleted (redacted_texts). A social post's shortened fact ("…" after the
 * first words) is cut too.
 *
 * The public pages run this on every request, for anyone, over texts the user wrote: it must cost time in
 * proportion to the text, never more. So it is no regular expression built from a fact (one per fact, each able to
 * backtrack over the whole post, held a server for 40 s), but a fold of both texts and one linear scan (KMP) per
 * fact whose first words are in the post at all.
 */

const REDACTED = '[…]';
/**
 * A fact must be this long (folded) to be looked for; a shortened one must keep this much before its "…" (the social
 * style shortens a fact to whatever room is left past 20 characters, so to as little as about that).
 */
const MIN_LENGTH = 3;
const MIN_SHORTENED = 12;
/** How many folded characters of a fact's opening are looked up before it is scanned for. */
const OPENING = 12;

/** The user's off-the-record fact texts: the facts' words now, and those they had before an edit or a delete. */
async function offTheRecordTexts(userId: string, conn: DbOrTx = db): Promise<string[]> {
  const [live, kept] = await Promise.all([
    conn
      .select({ text: insights.text })
      .from(insights)
      .where(and(eq(insights.userId, userId), eq(insights.offTheRecord, true))),
    conn.select({ text: redactedTexts.text }).from(redactedTexts).where(eq(redactedTexts.userId, userId)),
  ]);
  return [...new Set([...live, ...kept].map((r) => r.text))];
}

/** ASCII punctuation, which Markdown lets a backslash escape. */
const escapable = (code: number) => (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || (ch > '\u007f' && /\s/u.test(ch));

/**
 * A text as the comparison sees it: lower case, a Markdown backslash before a mark dropped, every run of spaces one
 * space. `from[i]` and `to[i]` are where folded character i came from in the original, so a match cuts the original.
 * ASCII, nearly all of any post, takes the quick way.
 */
function fold(text: string): { folded: string; from: number[]; to: number[] } {
  const units: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 92 && i + 1 < text.length && escapable(text.charCodeAt(i + 1))) {
      i += 1;
      continue;
    }
    const ch = code < 0xd800 || code > 0xdfff ? text[i]! : String.fromCodePoint(text.codePointAt(i)!);
    const next = i + ch.length;
    if (isSpace(ch)) {
      let end = next;
      while (end < text.length && isSpace(text[end]!)) end++;
      if (units.length && units.at(-1) !== ' ') {
        units.push(' ');
        from.push(i);
        to.push(end);
      }
      i = end;
      continue;
    }
    // Beyond ASCII, upper then lower case, as a case-insensitive match has it: the final sigma and the long s fold
    // to the letters they are.
    const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : code < 128 ? ch : ch.toUpperCase().toLowerCase();
    for (const unit of lower.length === 1 ? lower : lower.split('')) {
      units.push(unit);
      from.push(i);
      to.push(next);
    }
    i = next;
  }
  return { folded: units.join(''), from, to };
}

/** A fact's words as they are looked for: folded, without the full stop or comma a sentence ends them with. */
function foldFact(text: string): string {
  return fold(text.trim().replace(/[\s.!?;:,]+$/u, '')).folded.trim();
}

/** KMP's table: for each prefix of `p`, the length of its longest proper prefix that is also its suffix. */
function prefixTable(p: string): Int32Array {
  const table = new Int32Array(p.length);
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p[i] !== p[k]) k = table[k - 1]!;
    if (p[i] === p[k]) k++;
    table[i] = k;
  }
  return table;
}

/**
 * The folded ranges [start, end) where `fact` stands in `hay`, whole, or shortened: at least MIN_SHORTENED of its
 * first characters and then "…" (social.ts cuts a long fact so). One pass over `hay`, whatever the texts.
 */
function rangesOf(hay: string, fact: string, table: Int32Array): [number, number][] {
  const found: [number, number][] = [];
  let q = 0;
  let before = 0; // the match length at the character before the last one read, for a space ahead of "…"
  for (let i = 0; i < hay.length; i++) {
    const ch = hay[i]!;
    if (ch === '…') {
      const run = hay[i - 1] === ' ' ? before : q;
      const start = i - (hay[i - 1] === ' ' ? 1 : 0) - run;
      if (run >= MIN_SHORTENED && run < fact.length) found.push([start, i + 1]);
    }
    const last = q;
    while (q > 0 && ch !== fact[q]) q = table[q - 1]!;
    if (ch === fact[q]) q++;
    before = last;
    if (q === fact.length) {
      found.push([i + 1 - q, i + 1]);
      q = table[q - 1]!;
    }
  }
  return found;
}

/** Where a cut was made, until tidyCuts has read the text: a private-use character (a text holding one is not tidied). */
const CUT = '\uE001';
/** A code fence's line: what is between two of them is code, left as written. */
const FENCE = /^\s{0,3}(?:```|~~~)/;
/** A list item on one line: its mark, and what it says. */
const LIST_ITEM = /^(\s{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)(\S[^\n]*)$/;
/** A line of prose: not a heading, quote, table row, indented code, setext underline, or one ending in a hard break. */
const PROSE = (line: string) => !/^(?:\s{0,3}[#>|]|\s{4}|\t|\s{0,3}[=-]+\s*$)/.test(line) && !/(?: {2}|\\)$/.test(line);
/** A heading: "## Facts and figures", or a line that is only bold ("**Facts and figures**", when headings are off). */
const HEADING = (block: string) => !block.includes('\n') && (/^\s{0,3}#{1,6}\s/.test(block) || /^\*\*[^*\n]+\*\*:?$/.test(block.trim()));
/** Words whose "." ends no sentence: titles, common abbreviations (compared lower-cased, without the dot). */
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'eg', 'e.g', 'ie', 'i.e', 'etc', 'vs', 'no', 'inc', 'ltd', 'co', 'mt', 'cf', 'approx']);
const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

const TERMINALS = '.!?…';
const CLOSERS = `"'”’)]*_`;

/**
 * The sentences of one line of prose, each with the space after it. A sentence ends at . ! ? or … (then at most four
 * closing quotes, brackets or marks) before a space and a character that starts one (a capital, a digit, a quote, a
 * cut), not after an initial ("Priya S. Shah") or an abbreviation ("Dr. Shah", "e.g. Leeds"). Each space looks back
 * only over the punctuation and the word just before it: linear in the line, whatever it holds.
 */
function sentences(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const space of line.matchAll(/\s+/g)) {
    const end = space.index + space[0].length;
    let i = space.index - 1;
    for (let k = 0; k < 4 && i >= from && CLOSERS.includes(line[i]!); k++) i--;
    if (i < from || !TERMINALS.includes(line[i]!)) continue;
    const next = line.codePointAt(end);
    if (next === undefined || !/[\p{Lu}\p{N}"'“‘(*_\uE001]/u.test(String.fromCodePoint(next))) continue;
    let j = i;
    while (j >= from && TERMINALS.includes(line[j]!) && i - j < 8) j--;
    let w = j;
    while (w >= from && j - w < 12 && /[\p{L}.]/u.test(line[w]!)) w--;
    const word = line.slice(w + 1, j + 1);
    if (/^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase().replace(/\.$/, ''))) continue;
    out.push(line.slice(from, end));
    from = end;
  }
  out.push(line.slice(from));
  return out.filter(Boolean);
}

/** A sentence the cut has left saying nothing: it ended with the fact, or has hardly a word left. */
const saysNothing = (sentence: string) =>
  sentence.includes(CUT) && (words(sentence.slice(sentence.lastIndexOf(CUT) + CUT.length)) <= 3 || words(sentence) <= 5);

/** One line of prose without the sentences the cut left saying nothing; empty when none is left. */
function tidyLine(line: string): string {
  const kept = sentences(line).filter((s) => !saysNothing(s));
  return words(kept.join('').replaceAll(CUT, ' ')) ? kept.join('').trimEnd() : '';
}

/**
 * For readers, what a cut leaves saying nothing goes, as an editor would take it out rather than print the gap: a
 * sentence of a paragraph that ended with the fact ("Priya told me that […].", "The figure that stuck: “[…]”") or has
 * hardly a word left; a list item so left; a list or paragraph with nothing left; then a heading with nothing left
 * under it, and a lead-in ("Three things stood out:") whose list went. Only paragraphs on one line and lists of
 * one-line items are tidied: anything else (a heading, a quote, a table, code, a paragraph over several lines) keeps
 * "[…]" where the fact was. Pure, and linear in the text.
 */
function tidyCuts(markdown: string): string {
  const blocks: { text: string; gone: boolean }[] = [];
  let fenced = false;
  for (const whole of markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    // The text's last line break (or breaks) is no line of the block: kept after it.
    const block = whole.replace(/\n[\s]*$/, '');
    const end = whole.slice(block.length);
    const lines = block.split('\n');
    const fences = lines.filter((l) => FENCE.test(l)).length;
    const code = fenced || fences > 0;
    if (fences % 2) fenced = !fenced;
    if (code || !block.includes(CUT) || HEADING(block)) {
      blocks.push({ text: whole, gone: false });
      continue;
    }
    if (lines.every((l) => LIST_ITEM.test(l))) {
      const kept = lines.flatMap((l) => {
        const [, mark, text] = LIST_ITEM.exec(l)!;
        if (!text!.includes(CUT)) return [l];
        const left = tidyLine(text!);
        return left ? [`${mark}${left}`] : [];
      });
      // A numbered list counts on from where it started, not from the number of an item that went ("2." first).
      const first = /^(\s*)(\d{1,9})([.)])/.exec(lines[0]!);
      const numbered = first && kept.length < lines.length && lines.every((l) => /^\s*\d{1,9}[.)]/.test(l));
      const renumbered = numbered ? kept.map((l, k) => l.replace(/^(\s*)\d{1,9}/, (_, sp: string) => `${sp}${Number(first[2]) + k}`)) : kept;
      blocks.push({ text: renumbered.join('\n') + end, gone: kept.length === 0 });
    } else if (lines.length === 1 && PROSE(block)) {
      const left = tidyLine(block);
      blocks.push({ text: left + end, gone: !left });
    } else {
      blocks.push({ text: whole, gone: false });
    }
  }
  // A lead-in whose list went: nothing to introduce.
  for (let i = 0; i + 1 < blocks.length; i++) {
    const b = blocks[i]!;
    if (blocks[i + 1]!.gone && !b.gone && !b.text.includes('\n') && !HEADING(b.text) && /:\s*$/.test(b.text)) b.gone = true;
  }
  // A heading whose section (the blocks up to the next heading) had something go and has nothing left: from the end,
  // one pass.
  let anyGone = false;
  let allGone = true;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (HEADING(b.text)) {
      if (anyGone && allGone) b.gone = true;
      anyGone = false;
      allGone = true;
    } else if (b.gone) anyGone = true;
    else allGone = false;
  }
  return blocks
    .filter((b) => !b.gone)
    .map((b) => b.text)
    .join('\n\n');
}

/**
 * The Markdown with every off-the-record fact replaced by "[…]"; for readers (`tidy`), a sentence the cut leaves saying
 * nothing goes too (tidyCuts). Pure.
 */
export function redactFacts(markdown: string, texts: string[], tidy = false): string {
  const { folded, from, to } = fold(markdown);
  const ranges: [number, number][] = [];
  for (const text of texts) {
    const fact = foldFact(text);
    if (fact.length < MIN_LENGTH) continue;
    // Only a fact whose opening is in the text at all is scanned for (a native search): most are not.
    if (!folded.includes(fact.slice(0, OPENING))) continue;
    ranges.push(...rangesOf(folded, fact, prefixTable(fact)));
  }
  if (ranges.length === 0) return markdown;
  // Overlapping cuts become one, so a fact that contains another is cut whole.
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (let r = 0; r < ranges.length; r++) {
    const start = ranges[r]![0];
    let end = ranges[r]![1];
    while (r + 1 < ranges.length && ranges[r + 1]![0] < end) end = Math.max(end, ranges[++r]![1]);
    out += markdown.slice(at, from[start]) + (tidy ? CUT : REDACTED);
    at = to[end - 1]!;
  }
  out += markdown.slice(at);
  if (!tidy) return out;
  const plain = out.replaceAll(CUT, REDACTED);
  if (markdown.includes(CUT)) return plain;
  const shown = tidyCuts(out).replaceAll(CUT, REDACTED);
  // Sentences taken out join what was around them: should that ever spell a fact again, even once emphasis marks
  // are read past, every cut is shown instead.
  const unmarked = shown.replace(/[*_`~]/g, '');
  return redactFacts(shown, texts) === shown && redactFacts(unmarked, texts) === unmarked ? shown : plain;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The pieces of `text` between the words of `names` (each name whole, and its parts of three letters or more), those
 * long enough to be looked for. A draft writes a private person's name in a fact as a description ("The head of M&A
 * says Acme is to be bought"), so the fact's words are found around it, not whole.
 */
function piecesAround(text: string, names: string[]): string[] {
  const parts = new Set(names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(nameWord));
  if (parts.size === 0) return [];
  const pieces: string[] = [];
  let from = 0;
  for (const word of text.matchAll(WORD)) {
    if (!parts.has(word[0].toLowerCase())) continue;
    pieces.push(text.slice(from, word.index));
    from = word.index + word[0].length;
  }
  if (from === 0) return [];
  pieces.push(text.slice(from));
  return pieces.filter((p) => foldFact(p).replace(/^[^\p{L}\p{N}]+/u, '').length >= MIN_SHORTENED);
}

/** What the cut looks for: the user's off-the-record facts, and the pieces of them around a private person's name. */
export async function textsToCut(userId: string, conn: DbOrTx = db): Promise<string[]> {
  const facts = await offTheRecordTexts(userId, conn);
  if (facts.length === 0) return facts;
  // A fact naming someone private was written into drafts with a description in place of the name.
  const names = await privateNamesIn(userId, facts.join('\n'), conn);
  return names.length ? [...facts, ...facts.flatMap((f) => piecesAround(f, names).map((p) => p.trim()))] : facts;
}

/**
 * The post with its title and body cut of the user's off-the-record facts: for readers (the public page, an export),
 * its body without the sentences the cut leaves saying nothing (`forReaders`); for the author, every cut shown.
 */
export async function withoutOffTheRecord<T extends { title: string; bodyMarkdown: string }>(userId: string, items: T[], forReaders = true): Promise<T[]> {
  if (items.length === 0) return items;
  const texts = await textsToCut(userId);
  if (texts.length === 0) return items;
  return items.map((p) => ({ ...p, title: redactFacts(p.title, texts), bodyMarkdown: redactFacts(p.bodyMarkdown, texts, forReaders) }));
}

/** How long an address made from a title is at least when the cut at 60 characters took the end of a word. */
const CUT_ADDRESS = 50;

/**
 * Whether a post's address quotes one of `texts`: the text's words, as a slug, stand whole in it, or an address cut
 * at 60 characters (as one made from a long title is, before any "-2" a clash added) ends with at least
 * MIN_SHORTENED characters of their opening. A short address ending with a fact's first words ("notes-from-leeds-city-
 * council" beside "Leeds City Council is cutting…") is not cut, and not the fact. The page cuts a fact from the title
 * and body, but an address cannot be cut, so it must not carry one. Pure.
 */
export function slugQuotes(slug: string, texts: string[]): boolean {
  const padded = `-${slug}-`;
  const base = slug.replace(/-\d+$/, '');
  const starts = base.length >= CUT_ADDRESS ? [0, ...[...base.matchAll(/-/g)].map((m) => m.index + 1)] : [];
  const tails = starts.map((i) => base.slice(i)).filter((t) => t.length >= MIN_SHORTENED);
  return texts.some((text) => {
    const words = slugWords(foldFact(text), Infinity);
    if (words.length < MIN_LENGTH) return false;
    return padded.includes(`-${words}-`) || tails.some((tail) => words.startsWith(tail));
  });
}

/** A title with what the cut takes from it gone: the words an address made from it may carry. */
export function titleWithoutTexts(title: string, texts: string[]): string {
  return redactFacts(title, texts).replaceAll(REDACTED, ' ');
}

/**
 * Whether a title, as the public page shows it (`cut`: what is off the record cut to "[…]"), has no word of its own
 * left: "[…]", or "[…] — […]". Such a post is not published (lib/posts/queries.ts), and its editor says so before.
 */
export function wordlessHeadline(cut: string): boolean {
  return cut.includes(REDACTED) && !/[\p{L}\p{N}]/u.test(cut.replaceAll(REDACTED, ' '));
}

/**
 * What the public page would cut from a post: how many off-the-record facts it quotes (each place counted), how many
 * of those places are in its title, and the post with them cut. The editor shows the first two, so the author sees what
 * the reader will, and offers the third.
 */
export async function offTheRecordCuts(
  userId: string,
  post: { title: string; bodyMarkdown: string },
): Promise<{ cuts: number; inTitle: number; titleWordless: boolean; title: string; bodyMarkdown: string }> {
  const [cut] = await withoutOffTheRecord(userId, [post], false);
  const marks = (s: string) => s.split(REDACTED).length - 1;
  const cuts = marks(cut!.title) + marks(cut!.bodyMarkdown) - marks(post.title) - marks(post.bodyMarkdown);
  return {
    cuts,
    inTitle: marks(cut!.title) - marks(post.title),
    titleWordless: wordlessHeadline(cut!.title),
    title: cut!.title,
    bodyMarkdown: cut!.bodyMarkdown,
  };
}
