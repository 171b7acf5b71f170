/**
 * Which of a user's organisations may be one organisation under two names: the rule behind "Possibly the same
 * organisation". Pure: it reads names only, so the list page and an organisation's page ask the same question.
 *
 * Two names are alike when
 * - they are nearly one name: apart from case, punctuation, "&"/"and", "'s", little words, word order and a legal or
 *   business ending ("The Cabinet Office", "Cabinet Office"; "Acme Ltd", "ACME Limited"; "Kainos Group", "Kainos";
 *   "University of Oxford", "Oxford University"; "Department of Education", "Department for Education");
 * - one is the other's initials ("HMRC" and "HM Revenue & Customs", "MoD" and "Ministry of Defence", "B.B.C." and
 *   "British Broadcasting Corporation", "M&S" and "Marks & Spencer"), or both give the same initials in brackets
 *   ("Ministry of Defence (MoD)"); other words in brackets are part of the name ("Barclays (UK)" is not "Barclays
 *   (US)");
 * - they are a letter apart (one letter missing, extra or wrong, or two swapped, but not a word's first letter) in a
 *   name of 8 to 60 letters in a Latin, Greek or Cyrillic script, with the same short words and numbers: "Cabinet Ofice"
 *   is "Cabinet Office", but "Barclays UK" is not "Barclays US", nor "Harrow Council" "Barrow Council". Past 3,000
 *   organisations the list of every pair leaves slips out (their keys would cost too much on each view); each
 *   organisation's own page still looks for its own.
 */

const LITTLE = new Set(['the', 'and', 'of', 'for', 'in', 'on', 'at', 'to', 'a', 'an']);
/** Legal forms: not part of the name, nor of its initials. */
const FORM = new Set(['ltd', 'limited', 'plc', 'inc', 'llp', 'llc', 'corp', 'gmbh', 'ag', 'bv', 'sa']);
/** Endings a name is often given or not ("Kainos Group"): not part of the name, but part of its initials (the "C" of BBC). */
const ENDING = new Set(['co', 'company', 'corporation', 'group', 'holdings']);
/** A name this long is a sentence in the wrong column, not a name to look for slips in (and its keys would grow as its square). */
const SPELLING_MAX = 60;

/** Letters without accents, "'s" joined to its word, "&" as "and", everything else that is not a letter or digit a space. */
const plain = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s\b/giu, 's')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Legal forms written two ways, as one: "Limited" is "Ltd", "Incorporated" is "Inc". "SA", "AG", "BV" stay words of the name. */
const SPELT_FORM: Record<string, string> = {
  ltd: 'ltd',
  limited: 'ltd',
  plc: 'plc',
  inc: 'inc',
  incorporated: 'inc',
  llp: 'llp',
  llc: 'llc',
  corp: 'corp',
  corporation: 'corp',
  gmbh: 'gmbh',
};

/** A name as it is surely meant (spellingOf): its words, and its legal form if it ends with one. */
export interface Spelling {
  /** Lower case, accents off Latin letters, punctuation, "&"/"and", "'s" and a leading "The" aside: "hm revenue and customs". */
  base: string;
  /** Its legal form, one way of writing it ("ltd" for "Limited"), or '' for none. */
  form: string;
}

/**
 * The name as it is surely meant, whatever way it was written: lower case, accents on Latin letters, punctuation
 * ("C#" and "C++" keep theirs), "&"/"and", "'s" and a leading "The" aside, and its legal form told apart. Two names
 * are one name written two ways (sameSpelling) when their words are the same and so is their legal form, or one of
 * them gives none ("HM Revenue & Customs", "HM Revenue and Customs"; "Acme Ltd", "ACME Limited", "Acme"; but not
 * "Acme Ltd" and "Acme Inc"), so an import files them under one organisation. Marks that are letters' vowels in other
 * scripts (Devanagari, Thai) and letters such as "й" are kept. Looser likenesses (word order, "of" for "for",
 * initials, slips) are left to alikePairs, which asks. An empty base for a name of no letters or digits.
 */
export function spellingOf(name: string): Spelling {
  const words = name
    .slice(0, 300)
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    // Initials with dots are the initials: "H.M. Treasury" is "HM Treasury", "B.B.C." is "BBC".
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu, (m) => m.replaceAll('.', ''))
    .replace(/['’]s\b/giu, 's')
    .replace(/&/g, ' and ')
    .replace(/#/g, ' sharp ')
    .replace(/\+/g, ' plus ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean);
  if (words.length > 1 && words[0] === 'the') words.shift();
  const form = words.length > 1 ? (SPELT_FORM[words.at(-1)!] ?? '') : '';
  if (form) words.pop();
  return { base: words.join(' '), form };
}

/** Whether two spellings (spellingOf) are one name written two ways: the same words, and no two legal forms. */
export function sameSpelling(a: Spelling, b: Spelling): boolean {
  return !!a.base && a.base === b.base && (a.form === b.form || !a.form || !b.form);
}

/** Initials-like: "HMRC", "DfE", "MoD", "bbc" (short, lower case), "B.B.C." (letters one by one). */
function asInitials(raw: string): string | null {
  const letters = raw.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2 || letters.length > 8) return null;
  const dotted = /^(\p{L}\.\s*){2,}$/u.test(raw.trim());
  const caps = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (dotted || caps >= 2 || (caps === 0 && letters.length <= 5)) return letters.toLowerCase();
  return null;
}

interface NameKeys {
  /** The name as compared: lower case, no little words or endings, no spaces. */
  name: string;
  /** Its words in order of the alphabet: the same name in another order. */
  sorted: string;
  /** Where its words start in `name`: a slip is not looked for there ("Harrow", "Barrow"). */
  starts: Set<number>;
  /** What its initials may be written as (a name of two words or more). */
  initials: string[];
  /** The name itself, or the part in brackets, when it is written as initials. */
  token: string[];
  /** Its words of three letters or fewer and its numbers (codes): a name a letter apart must have the same. */
  short: string;
}

function nameKeys(full: string): NameKeys {
  const src = full.slice(0, 300);
  const bracket = /\(([^)]*)\)/.exec(src);
  const main = src.replace(/\([^)]*\)/g, ' ');
  const words = plain(main).split(' ').filter(Boolean);
  while (words.length > 1 && FORM.has(words.at(-1)!.toLowerCase())) words.pop();
  const significant = words.filter((w) => !LITTLE.has(w.toLowerCase()));
  // A word in capitals ("HM", "NHS") gives all its letters, any other its first; in a name all in capitals
  // ("MINISTRY OF DEFENCE", as some exports write them) every word gives its first.
  const shouting = !/\p{Ll}/u.test(main);
  const initialsOf = (ws: string[]) =>
    ws
      .map((w) => (!shouting && /^\p{Lu}{2,5}$/u.test(w) ? w : w[0]!))
      .join('')
      .toLowerCase();
  // "B.B.C.", "M&S": the name is its initials, letter by letter; so is "AT&T".
  const letterByLetter = significant.length >= 2 && significant.every((w) => w.length === 1);
  const joined = /^\s*\p{L}+(\s*&\s*\p{L}+)+\s*$/u.test(main) ? asInitials(main.replace(/[\s&]/g, '')) : null;
  const initials =
    significant.length >= 2 && !letterByLetter && !joined ? [...new Set([initialsOf(significant), initialsOf(words)])].filter((x) => x.length >= 2) : [];
  const inBrackets = bracket ? asInitials(bracket[1]!) : null;
  // Brackets holding the name's initials say it again; any others ("(UK)") are part of the name.
  const bracketIsInitials = !!inBrackets && initials.includes(inBrackets);
  const token = [
    significant.length === 1 ? asInitials(significant[0]!) : null,
    letterByLetter && significant.length <= 8 ? significant.join('').toLowerCase() : null,
    joined,
    bracketIsInitials ? inBrackets : null,
  ].filter((t): t is string => !!t);
  const extra = bracket && !bracketIsInitials ? plain(bracket[1]!).split(' ').filter(Boolean) : [];
  const lower = [...words, ...extra].map((w) => w.toLowerCase());
  const kept = lower.filter((w) => !LITTLE.has(w) && !ENDING.has(w));
  const nameWords = kept.length ? kept : lower;
  const starts = new Set<number>();
  nameWords.reduce((at, w) => (starts.add(at), at + w.length), 0);
  return {
    name: nameWords.join(''),
    sorted: nameWords.length >= 2 ? [...nameWords].sort().join(' ') : '',
    starts,
    initials,
    token: [...new Set(token)],
    short: lower
      .filter((w) => (w.length <= 3 || /\d/.test(w)) && !LITTLE.has(w))
      .sort()
      .join(' '),
  };
}

export type AlikeReason = 'name' | 'initials' | 'spelling';

export interface AlikePair {
  a: number;
  b: number;
  reason: AlikeReason;
}

/** Scripts whose letters are letters of a word, where one wrong is a slip (not a character of another meaning). */
const SLIPPABLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]+$/u;

/** How many names the list of every pair looks for one-letter slips among (see alikePairs). */
const SLIPS_BOOK_MAX = 3000;

/**
 * Whether two names are one slip apart, as the keys of alikePairs would find: one letter missing, extra or wrong, or
 * two side by side swapped, but not a word's first letter.
 */
function oneSlip(x: NameKeys, y: NameKeys): boolean {
  const [a, b] = x.name.length >= y.name.length ? [x, y] : [y, x];
  const [long, short] = [a.name, b.name];
  if (long.length - short.length > 1 || long === short) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  if (long.length > short.length) return !a.starts.has(i) && long.slice(i + 1) === short.slice(i);
  if (long.slice(i + 1) === short.slice(i + 1)) return !a.starts.has(i) && !b.starts.has(i);
  // Two side by side swapped: the keys meet where either of the two is left out, once neither is a word's first.
  return (
    long[i] === short[i + 1] &&
    long[i + 1] === short[i] &&
    long.slice(i + 2) === short.slice(i + 2) &&
    ((!a.starts.has(i) && !b.starts.has(i)) || (!a.starts.has(i + 1) && !b.starts.has(i + 1)))
  );
}

/** Buckets larger than this are a common word, not a likely duplicate: not paired at all. */
const CROWD = 25;

/**
 * The pairs of `names` (by index, a < b) that may be one organisation, each once with its strongest reason. Linear in
 * the names: each is filed under its keys and only names sharing a key are compared.
 */
export function alikePairs(names: readonly string[], focus?: number): AlikePair[] {
  const keys = names.map(nameKeys);
  const slippable = (k: NameKeys) => k.name.length >= 8 && k.name.length <= SPELLING_MAX && SLIPPABLE.test(k.name);
  // Every name's one-letter slips as keys costs a few keys per letter: past SLIPS_BOOK_MAX names only one name's page
  // (`focus`) looks for its own, by comparing it with each name.
  const slips = focus === undefined && names.length <= SLIPS_BOOK_MAX;
  // Name index lists by key: one for keys any two names may share, one for initials and one for names written as
  // initials (a pair needs one of those: two full names with the same initials are not one organisation).
  const shared = new Map<string, number[]>();
  const initials = new Map<string, number[]>();
  const tokens = new Map<string, number[]>();
  const file = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  keys.forEach((k, i) => {
    if (k.name) file(shared, `n:${k.name}`, i);
    if (k.sorted) file(shared, `o:${k.sorted}`, i);
    for (const x of k.initials) file(initials, x, i);
    for (const x of k.token) file(tokens, x, i);
    if (slips && slippable(k)) {
      // With its short words and numbers in the key: names whose codes differ never meet.
      const d = `d:${k.short}|`;
      file(shared, d + k.name, i);
      for (let at = 0; at < k.name.length; at++) if (!k.starts.has(at)) file(shared, d + k.name.slice(0, at) + k.name.slice(at + 1), i);
    }
  });
  const rank: Record<AlikeReason, number> = { name: 0, initials: 1, spelling: 2 };
  const found = new Map<number, AlikePair>();
  const pair = (x: number, y: number, reason: AlikeReason) => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const id = a * names.length + b;
    const had = found.get(id);
    if (!had || rank[reason] < rank[had.reason]) found.set(id, { a, b, reason });
  };
  for (const [key, list] of shared) {
    if (list.length < 2 || list.length > CROWD) continue;
    const reason: AlikeReason = key[0] === 'd' ? 'spelling' : 'name';
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) pair(list[x]!, list[y]!, reason);
  }
  const me = focus === undefined ? undefined : keys[focus];
  if (me && slippable(me)) {
    keys.forEach((k, i) => {
      if (i !== focus && k.short === me.short && slippable(k) && oneSlip(me, k)) pair(focus!, i, 'spelling');
    });
  }
  for (const [key, toks] of tokens) {
    const full = initials.get(key) ?? [];
    if (toks.length + full.length < 2 || toks.length + full.length > CROWD) continue;
    for (let x = 0; x < toks.length; x++) {
      for (let y = x + 1; y < toks.length; y++) pair(toks[x]!, toks[y]!, 'initials');
      for (const f of full) pair(toks[x]!, f, 'initials');
    }
  }
  return [...found.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}
