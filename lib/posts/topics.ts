/**
 * Topic labels as a person would put them mid-sentence. A label is typed as a label ("Open data", "Shared
 * services contract cancelled", "Is AI overhyped?"); dropped into a sentence as it stands it reads as a form.
 * Acronyms and proper names are kept, common nouns lower-cased, statements and questions quoted or, when
 * that is safe, turned into "the news that…" / "whether…". Nothing is ever reworded beyond that.
 */

// Words that are common nouns even when capitalised as the first word of a label.
const COMMON_SUFFIX = /(s|ing|tion|sion|ment|ity|ism|ness|ance|ence|ship|ics|ogy|ure|age|ery|ency|ancy|cy|al|ive|ware|ism)$/i;
const COMMON_WORDS = new Set(
  (
    'data open cloud security procurement hiring funding budget budgets policy health care education housing transport ' +
    'energy climate identity privacy trust design research product strategy talent money pay work remote digital ' +
    'public private local national net zero carbon green legacy smart shared future new old big small ' +
    'artificial machine user customer service services open-source web mobile app software hardware grid heat ' +
    'water food waste supply recruitment leadership culture team teams growth investment seed venture tax ' +
    'government council councils city cities rural urban social media news press hybrid office offices'
  ).split(' '),
);
// Auxiliaries and common verbs that make a label a statement rather than a noun phrase.
const FINITE =
  /\b(is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|does|do|did|to be|cut|cuts|rise|rises|rose|fall|falls|fell|wins|won|loses|lost|launches|launched|says|said)\b/i;
const HEADLINE_END = /\s\p{Ll}[\p{Ll}-]*ed$/u; // "… contract cancelled", "… plan approved"
const HEADLINE_TO = /^[\p{Lu}\p{Ll}][\p{L}\s-]*\sto\s\p{Ll}+\b/u; // "Council tax to rise 5%"
const QUESTION_AUX = /^(Is|Are|Was|Were|Can|Could|Should|Will|Would|Must)\s+(\S+)\s+(\S+)\?$/;

const COUNT_NOUN_END =
  /\s(standard|framework|plan|bill|act|report|review|strategy|contract|consultation|roadmap|programme|program|scheme|pilot|project|white paper|green paper|merger|deal)$/i;

export type TopicForm = 'noun' | 'quoted' | 'news' | 'whether';

export interface TopicPhrase {
  text: string;
  form: TopicForm;
}

const isAcronym = (w: string) => /^[\p{Lu}\p{N}][\p{Lu}\p{N}.&/-]*\p{Lu}[\p{Lu}\p{N}]*s?$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w);
const isCapitalised = (w: string) => /^\p{Lu}\p{Ll}/u.test(w);

/** True when a capitalised first word is a common noun rather than part of a name. */
function commonFirstWord(word: string, rest: string[], proper: Set<string>): boolean {
  if (!isCapitalised(word) || isAcronym(word)) return false;
  if (proper.has(word)) return false;
  // "Open Data Institute": every word capitalised is a name; keep it.
  if (rest.length > 0 && rest.filter((w) => /^\p{L}/u.test(w) && !/^(of|and|for|the|in|on|at|to|a|an)$/.test(w)).every(isCapitalised)) return false;
  const lower = word.toLowerCase();
  return COMMON_WORDS.has(lower) || COMMON_SUFFIX.test(lower) || rest.length > 0;
}

/** True when `text` opens with one of the names in `proper` of more than one word ("Digital Catapult funding"). */
export function startsWithName(text: string, proper: Set<string>): boolean {
  for (const name of proper) if (name.includes(' ') && (text === name || text.startsWith(`${name} `) || text.startsWith(`${name}’`))) return true;
  return false;
}

/** The label with a capitalised common first word lower-cased: "Open data" → "open data", "AI ethics" kept. */
export function topicNoun(label: string, proper: Set<string> = new Set()): string {
  const [first, ...rest] = label.split(' ');
  if (!first || startsWithName(label, proper)) return label;
  return commonFirstWord(first, rest, proper) ? [first.charAt(0).toLowerCase() + first.slice(1), ...rest].join(' ') : label;
}

/** True when a label says something happened or will happen, or asks, instead of naming a subject. */
export function isStatement(label: string): boolean {
  return /[?!]$/.test(label) || FINITE.test(label) || HEADLINE_END.test(label) || HEADLINE_TO.test(label);
}

/**
 * How a topic label reads mid-sentence. `proper` holds capitalised words seen in names elsewhere in the
 * evening (venue, organisations, people), so that "London housing" keeps its capital.
 */
export function topicPhrase(label: string, proper: Set<string> = new Set()): TopicPhrase {
  const t = label.trim();
  if (!isStatement(t)) {
    const noun = topicNoun(t, proper);
    // "algorithmic transparency standard" is one of a kind and wants its article.
    const needsThe = noun !== t && / /.test(noun) && COUNT_NOUN_END.test(noun);
    return { text: needsThe ? `the ${noun}` : noun, form: 'noun' };
  }
  // "Is AI overhyped?" → "whether AI is overhyped": only with exactly one word either side, where the
  // subject cannot be mis-split.
  const q = QUESTION_AUX.exec(t);
  if (q && !/[,;:]/.test(t)) {
    const subject = isAcronym(q[2]!) || proper.has(q[2]!) ? q[2]! : q[2]!.toLowerCase();
    return { text: `whether ${subject} ${q[1]!.toLowerCase()} ${q[3]!}`, form: 'whether' };
  }
  // "The GOV.UK app is coming to councils" → "the news that the GOV.UK app is coming to councils": only
  // when the label is a whole clause with its own finite verb and a determiner or name as its subject.
  if (!/[?!]$/.test(t) && /^(The|A|An|\p{Lu}\p{Lu}+)\s/u.test(t) && /\b(is|are|was|were|has|have|had|will)\b/.test(t)) {
    const body = /^(The|A|An)\s/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
    return { text: `the news that ${body}`, form: 'news' };
  }
  return { text: `“${t}”`, form: 'quoted' };
}
