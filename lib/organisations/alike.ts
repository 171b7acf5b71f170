/**
 * Which of a user's organisations may be one organisation under two names: the rule behind "Possibly the same
 * organisation". Pure: it reads names only, so the list page and an organisation's page ask the same question.
 *
 * Two names are alike when
 * - they are one name apart from case, punctuation, "&"/"and", little words and a legal ending ("The Cabinet Office",
 *   "Cabinet Office"; "Acme Ltd", "ACME Limited"; "Department of Education", "Department for Education");
 * - one is the other's initials ("HMRC" and "HM Revenue & Customs", "MoD" and "Ministry of Defence", "B.B.C." and
 *   "British Broadcasting Corporation"), or both give the same initials in brackets ("Ministry of Defence (MoD)");
 * - they are a letter apart (one letter missing, extra, wrong or two swapped) in a name of 8 letters or more, with
 *   the same short words and numbers: "Cabinet Ofice" is "Cabinet Office", but "Barclays UK" is not "Barclays US".
 */

const LITTLE = new Set(['the', 'and', 'of', 'for', 'in', 'on', 'at', 'to', 'a', 'an']);
const LEGAL = new Set(['ltd', 'limited', 'plc', 'inc', 'llp', 'llc', 'co', 'corp', 'gmbh', 'ag', 'bv', 'sa']);

/** Letters without accents, "&" as "and", everything else that is not a letter or digit a space. */
const plain = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

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
  /** The name as compared: lower case, no little words or legal ending, no spaces. */
  name: string;
  /** What its initials may be written as (a name of two words or more). */
  initials: string[];
  /** The name itself, or the part in brackets, when it is written as initials. */
  token: string[];
  /** Its words of three letters or fewer and its numbers (codes): a name a letter apart must have the same. */
  short: string;
}

function nameKeys(full: string): NameKeys {
  const bracket = /\(([^)]*)\)/.exec(full);
  const main = full.replace(/\([^)]*\)/g, ' ');
  const words = plain(main).split(' ').filter(Boolean);
  while (words.length > 1 && LEGAL.has(words.at(-1)!.toLowerCase())) words.pop();
  const lower = words.map((w) => w.toLowerCase());
  const significant = words.filter((w) => !LITTLE.has(w.toLowerCase()));
  // A word in capitals ("HM", "NHS") gives all its letters; any other its first.
  const initialsOf = (ws: string[]) =>
    ws
      .map((w) => (/^\p{Lu}{2,5}$/u.test(w) ? w : w[0]!))
      .join('')
      .toLowerCase();
  const letterByLetter = words.length >= 2 && words.every((w) => w.length === 1);
  const token = [
    words.length === 1 ? asInitials(words[0]!) : null,
    letterByLetter && words.length <= 8 ? lower.join('') : null,
    bracket ? asInitials(bracket[1]!) : null,
  ].filter((t): t is string => !!t);
  const initials = significant.length >= 2 && !letterByLetter ? [...new Set([initialsOf(significant), initialsOf(words)])].filter((i) => i.length >= 2) : [];
  return {
    name: lower.filter((w) => !LITTLE.has(w)).join('') || lower.join(''),
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

/** Buckets larger than this are a common word, not a likely duplicate: not paired at all. */
const CROWD = 25;

/**
 * The pairs of `names` (by index, a < b) that may be one organisation, each once with its strongest reason. Linear in
 * the names: each is filed under its keys and only names sharing a key are compared.
 */
export function alikePairs(names: readonly string[]): AlikePair[] {
  const keys = names.map(nameKeys);
  const buckets = new Map<string, { i: number; tok: boolean }[]>();
  const file = (key: string, i: number, tok = false) => {
    const list = buckets.get(key);
    if (!list) buckets.set(key, [{ i, tok }]);
    else if (list.at(-1)!.i !== i || list.at(-1)!.tok !== tok) list.push({ i, tok });
  };
  keys.forEach((k, i) => {
    if (k.name) file(`n:${k.name}`, i);
    for (const x of k.initials) file(`i:${x}`, i);
    for (const x of k.token) file(`i:${x}`, i, true);
    if (k.name.length >= 8) {
      file(`d:${k.name}`, i);
      for (let at = 0; at < k.name.length; at++) file(`d:${k.name.slice(0, at)}${k.name.slice(at + 1)}`, i);
    }
  });
  const rank: Record<AlikeReason, number> = { name: 0, initials: 1, spelling: 2 };
  const found = new Map<string, AlikePair>();
  for (const [key, list] of buckets) {
    if (list.length < 2 || list.length > CROWD) continue;
    const reason: AlikeReason = key[0] === 'n' ? 'name' : key[0] === 'i' ? 'initials' : 'spelling';
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [p, q] = [list[x]!, list[y]!];
        if (p.i === q.i) continue;
        // Initials match a name written as initials, not another name that happens to share them.
        if (reason === 'initials' && !p.tok && !q.tok) continue;
        if (reason === 'spelling' && keys[p.i]!.short !== keys[q.i]!.short) continue;
        const [a, b] = p.i < q.i ? [p.i, q.i] : [q.i, p.i];
        const had = found.get(`${a} ${b}`);
        if (!had || rank[reason] < rank[had.reason]) found.set(`${a} ${b}`, { a, b, reason });
      }
    }
  }
  return [...found.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}
