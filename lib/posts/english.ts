/** Small, pure helpers for writing correct English from user data; shared by the three post styles. */

import { daysBetween } from '@/lib/dates';
import { TITLE_FORMS } from '@/lib/people/job-titles';
import { splitName } from '@/lib/people/name-parts';

/** Trims and collapses whitespace (newlines included); null and undefined become "". */
export function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Escapes text for Markdown so that a name like "*Jo*" or "[x](y)" shows literally instead of formatting. Only what
 * would format is escaped, so that the Markdown a user copies reads as typed: "#" only where it would open a heading,
 * "&" only where it would start an entity ("&amp;"), and "!" never (an image needs a "[", which is escaped).
 */
export function escapeMd(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '\\&')
    .replace(/^(\s*)#(?=#*(\s|$))/, '$1\\#');
}

// What of Markdown a user writes inline in their own prose: a link to a web page, strong or emphasised words, code.
// Underscores only at word edges, as Markdown reads them ("snake_case_name" is no emphasis).
const INLINE_MD =
  /\[([^[\]\n]{1,300})\]\((https?:\/\/[^\s()<>]{1,1000})\)|(\*\*|(?<![\p{L}\p{N}])__)(?=\S)(.{0,300}?\S)\3(?![\p{L}\p{N}_])|(\*|(?<![\p{L}\p{N}])_)(?=[^\s*_])(.{0,300}?[^\s*_])\5(?![\p{L}\p{N}_*])|`([^`\n]{1,300})`/gu;

/**
 * The user's own prose (a reflection, a summary) for a Markdown post: escaped as escapeMd does, except the inline
 * Markdown they wrote on purpose, which keeps its meaning: *emphasis*, **strong**, a [link](https://…) to a web page,
 * `code`. Nothing else formats: no heading, list, image, HTML or other kind of link.
 */
export function escapeMdKeepingInline(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(INLINE_MD)) {
    const [whole, linkText, url, strong, strongText, em, emText, code] = m;
    let kept: string;
    if (url) kept = `[${escapeMd(linkText!)}](${url})`;
    else if (strong) kept = `${strong}${escapeMd(strongText!)}${strong}`;
    else if (em) kept = `${em}${escapeMd(emText!)}${em}`;
    else kept = `\`${code}\``;
    // "![…](…)" would be an image: the "!" before a link stays a mark.
    out += escapeMd(text.slice(at, m.index)).replace(/!$/, url ? '\\!' : '!') + kept;
    at = m.index + whole.length;
  }
  // The heading guard of escapeMd reads the start of the text: only the first piece can be there.
  return at === 0 ? escapeMd(text) : out + escapeMd(text.slice(at));
}

/**
 * "A", "A and B", "A, B and C". When an item itself contains a comma, items are separated by semicolons
 * so the reader can still tell where one ends ("Jo, CIO at X; Sam, CTO at Y; and Al").
 */
export function joinList(items: string[], conjunction = 'and'): string {
  const list = items.filter((i) => i.length > 0);
  if (list.length <= 1) return list[0] ?? '';
  // A comma inside brackets ("Imogen Edwards (Deputy Director, Digital)") cannot be taken for the list's own.
  const hasComma = (i: string) => i.replace(/\([^()]*\)/g, '').includes(',');
  // Two: a semicolon never joins a pair. A first item with a comma of its own ("Rob Hall, finance director at
  // Leeds City Council") closes it with another before "and", as an aside in a sentence is closed.
  if (list.length === 2) return `${list[0]}${hasComma(list[0]!) ? ',' : ''} ${conjunction} ${list[1]}`;
  const sep = list.some(hasComma) ? ';' : ',';
  const head = list.slice(0, -1).join(`${sep} `);
  const last = list[list.length - 1];
  return sep === ';' ? `${head}; ${conjunction} ${last}` : `${head} ${conjunction} ${last}`;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** "three", or "14" past twelve. */
export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

const ORDINAL_WORDS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
/** "fifth", or "21st" past twelve. */
export function ordinal(n: number): string {
  const word = ORDINAL_WORDS[n];
  if (word) return word;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "a" or "an" before a word, by sound for the common cases (an MP, a CIO, an engineer, a university). */
export function article(word: string): 'a' | 'an' {
  const first = word.split(/\s/)[0] ?? '';
  if (/^[A-Z]{2,}/.test(first)) return /^[AEFHILMNORSX]/.test(first) ? 'an' : 'a';
  if (/^(uni|use|usu|eu|one|once)/i.test(first)) return 'a';
  if (/^(hour|honest|honou?r|heir)/i.test(first)) return 'an';
  return /^[aeiou]/i.test(first) ? 'an' : 'a';
}

// Words of job titles that read better in lower case mid-sentence ("the head of IT", "a chief digital officer").
const TITLE_WORDS = new Set(
  (
    'head chief director deputy officer manager lead senior principal partner associate vice president executive ' +
    'founder co-founder cofounder engineer architect analyst consultant adviser advisor minister secretary permanent ' +
    'professor lecturer researcher editor reporter journalist correspondent producer designer developer product ' +
    'programme program project technology technical digital data information security operations strategy policy ' +
    'marketing sales communications finance financial people engineering research general counsel assistant member ' +
    'fellow student trustee chair chairman chairwoman chairperson board coordinator specialist owner scientist ' +
    'managing interim acting group global regional national commercial customer service services delivery ' +
    'transformation innovation procurement legal investor analyst partner speaker panellist panelist moderator ' +
    'organiser organizer and of for the in at'
  ).split(' '),
);

// A capitalised word, each part after a hyphen too: "Director", "Co-founder", "Vice-President"; not "McKinsey".
const CAPITALISED = /^\p{Lu}\p{Ll}*(?:-\p{L}\p{Ll}*)*$/u;
function isTitleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return TITLE_WORDS.has(lower) || lower.split('-').every((part) => TITLE_WORDS.has(part));
}

/**
 * A job title as a common noun mid-sentence: "Head of IT" → "head of IT", "Chief Digital Officer" → "chief digital
 * officer"; acronyms kept. Only a title whose capitalised words are all words jobs are called by is lower-cased.
 * One with any other capitalised word ("Director of Cyber Security", "Head of McKinsey Digital"), or with a comma,
 * is kept exactly as typed: lowering only the words we know would leave a name half in capitals ("director of
 * Cyber security").
 */
export function roleNoun(role: string): string {
  // No job title holds the pronoun: "head of it", typed on a phone, is head of IT.
  const typed = clean(role)
    .replace(/(^|\s)it(?=\s|$)/g, '$1IT')
    // "cto", typed on a phone, is a CTO.
    .replace(/(^|\s)([a-z]{2,4})(?=\s|$)/g, (m, before: string, short: string) => (TITLE_FORMS[short] ? before + short.toUpperCase() : m));
  // After a comma comes the remit, which is a name ("Deputy Director, Digital"): lowered, it reads as a list
  // ("deputy director, digital at the DWP"), so a title with one is kept as typed.
  if (typed.includes(',')) return typed;
  const words = typed.split(' ');
  // Each word without the punctuation around it ("Director," is "Director"); acronyms ("IT", "CTO") stay as they are.
  const capitalised = words.map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((w) => /\p{Lu}/u.test(w) && !/^[\p{Lu}\p{N}&]{2,}$/u.test(w));
  if (capitalised.length === 0 || !capitalised.every((w) => CAPITALISED.test(w) && isTitleWord(w))) return typed;
  return words.map((w) => (/^[^\p{L}]*\p{Lu}\p{Ll}/u.test(w) ? w.toLowerCase() : w)).join(' ');
}

function pluralWord(word: string): string {
  if (/^[A-Z0-9]{2,}$/.test(word)) return `${word}s`; // CIOs, CTOs
  if (/(man)$/i.test(word)) return word.replace(/man$/i, (m) => (m[0] === 'M' ? 'Men' : 'men'));
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * How a later mention calls a named person: the first name ("Sarah" of "Dr Sarah Khan"). A knight or a dame keeps
 * the title with it ("Sir John"); a peer, or someone known only by title and surname ("Dr Clarke"), is called as
 * named ("Lord Smith"), as British usage has it.
 */
export function firstName(name: string): string {
  const { prefix, given } = splitName(clean(name));
  const title = prefix.split(' ').at(-1) ?? '';
  const first = given.split(' ')[0] ?? '';
  if (!first || /^(?:lord|lady|baroness)$/i.test(title)) return clean(name);
  return /^(?:sir|dame)$/i.test(title) ? `${title} ${first}` : first;
}

// Titles that lead an organisation, which they are "of", not "at": "founder of Brightwire", "chair of NHS England".
const HEAD_OF =
  /(?:\b(?:founder|co-founder|cofounder|chair|chairman|chairwoman|chairperson|chief executive|ceo|president|owner|vice-chancellor)|^(?:principal|dean|governor))$/i;

/** The word between a title and its organisation: "founder of Brightwire", "head of IT at the Home Office". */
export function roleLink(role: string): 'of' | 'at' {
  return HEAD_OF.test(role.replace(/\s*\(.*\)$/, '')) ? 'of' : 'at';
}

// Titles one person holds at an organisation: its head, chair or founder, a chief anything, a director of something,
// or a title with its remit in brackets. Any other ("director", "product manager", "co-founder") is one of several.
const ONE_HOLDER =
  /^(?:(?:acting|interim|deputy|executive|global|group|uk|joint)\s+)*(?:chief|head|ceo|cto|cio|cfo|coo|cmo|cdo|ciso|cpo|president|chair|chairman|chairwoman|chairperson|founder|owner|managing director|director[- ]general|permanent secretary|secretary of state|minister|chancellor|vice-chancellor|governor|mayor|leader|dean|principal|editor-in-chief)\b|\b(?:director|head|vp|vice[- ]president|minister|secretary|lead|manager)\s+(?:of|for)\s|\(/i;
// Offices of state a title alone names: "the Chancellor", never "a Chancellor".
const OFFICE =
  /^(?:(?:Lord )?Chancellor(?: of the Exchequer)?|(?:Deputy )?Prime Minister|(?:Home|Foreign|Health|Justice|Defence|Education|Business|Culture|Transport|Environment|Science) Secretary|Secretary of State\b.*|Mayor of \p{Lu}.*|Governor of the Bank of England|Attorney General|Chief Secretary to the Treasury|Speaker of the House of (?:Commons|Lords))$/u;

/**
 * The article a title takes when it first describes someone unnamed: "the head of IT at the Home Office" (one holds it),
 * "a director at the NCSC" (one of several); with no organisation, "a head of IT", but "the Chancellor".
 */
export function roleArticle(role: string, atOrganisation: boolean): string {
  if (atOrganisation) return ONE_HOLDER.test(role) ? 'the' : article(role);
  return OFFICE.test(role) ? 'the' : article(role);
}

/** A job title as one key however it is written: "CIO" and "Chief Information Officer" are one. */
export function titleKey(role: string): string {
  const lower = roleNoun(clean(role)).toLowerCase();
  return TITLE_FORMS[lower]?.[0] ?? lower;
}

const TITLE_WORD =
  /^(?:(?:chief|deputy|senior|managing|executive|non-executive|associate)\s+)*(?:CEO|CTO|CFO|COO|CIO|CDO|CISO|director|head|partner|founder|co-founder|chair|president|officer|manager|lead|editor)\b/i;

/**
 * A title with a remit after a comma, as it reads inside a sentence: "Deputy Director, Digital" → "Deputy Director
 * (Digital)". Left as typed, "Hugo Taylor, Deputy Director, Digital at HM Treasury" reads as a list of three.
 */
export function roleInProse(role: string): string {
  const at = role.indexOf(',');
  if (at < 0) return role;
  const [title, remit] = [role.slice(0, at).trim(), role.slice(at + 1).trim()];
  // Two titles held at once ("Founder, CEO", "Partner, Head of Tax") are joined, not one put in brackets.
  if (title && TITLE_WORD.test(remit) && !remit.includes(',')) return `${title} and ${remit}`;
  return title && remit ? `${title} (${remit})` : title || remit;
}

/** The plural of a job title: "head of IT" → "heads of IT", "chief executive" → "chief executives". */
export function pluralRole(role: string): string {
  // The remit stays as it is: "Deputy Directors (Digital)".
  const remit = /^(.*?)(\s+\(.*\)|,.*)$/.exec(role);
  if (remit && remit[1]) return pluralRole(remit[1]) + remit[2];
  const m = /^(.*?)(\s+(?:of|for|at|in)\s+.*)$/.exec(role);
  const [noun, rest] = m ? [m[1]!, m[2]!] : [role, ''];
  const words = noun.split(' ');
  const last = words.pop() ?? '';
  return [...words, pluralWord(last)].join(' ') + rest;
}

const THE_PREFIX =
  /^(Office|Department|Ministry|University of|Bank of|Royal|Home Office|Cabinet Office|Foreign|National|British|European|Crown|Met |Environment|Law Society|Open University|Treasury$|(?:Scottish|Welsh|UK) Government|House of (?:Commons|Lords)|City of London|Metropolitan Police|Institute (?:of|for))\b/;
const THE_SUFFIX =
  /\b(Office|Agency|Service|Authority|Commission|Institute|Society|Foundation|Trust|Ministry|Department|Institution|Executive|Assembly|Parliament|Inspectorate|Observatory|Police|Association|Museum|Library|Gallery|Corporation)$/;
const THE_ACRONYMS = new Set([
  'BBC',
  'NHS',
  'ONS',
  'FCA',
  'DWP',
  'FCDO',
  'MoD',
  'MOD',
  'GDS',
  'DfE',
  'DVLA',
  'CPS',
  'UN',
  'EU',
  'OECD',
  'IMF',
  'ICO',
  'NAO',
  'CMA',
  'BSI',
  'NCSC',
  'MHRA',
  'NHSX',
  'CBI',
  'TUC',
  'DHSC',
  'MoJ',
  'MOJ',
  'DCMS',
  'DfT',
  'DSIT',
  'DESNZ',
  'DBT',
  'MHCLG',
  'HSE',
  'FSA',
]);
// Names the patterns above would give a "the" that English does not: "British Airways", "Royal Mail", "Parliament".
const NO_THE = /^(?:British (?:Airways|Gas|Telecom|Land|Steel|Sugar|Petroleum)|Royal Mail|National Grid|National Express|Parliament)\b/;

// How acronyms are written, for an organisation typed in lower case: those above, and ones a vowel would hide.
const ACRONYM_CASE = new Map(
  [
    ...THE_ACRONYMS,
    'HM',
    'MI5',
    'MI6',
    'CGI',
    'SAP',
    'techUK',
    'HMRC',
    'HMT',
    'HMPPS',
    'HMCTS',
    'DVSA',
    'UKRI',
    'UKHSA',
    'GCHQ',
    'IBM',
    'KPMG',
    'PwC',
    'EY',
    'BT',
    'AWS',
    'HSBC',
    'ITV',
    'UCL',
    'LSE',
    'TfL',
    'BAE',
    'AI',
    'IT',
    'UK',
    'US',
    'St',
    'Ltd',
    'plc',
  ].map((a) => [a.toLowerCase(), a]),
);
const SMALL_WORD = /^(?:of|and|for|the|in|at|on|to|&)$/;

/**
 * An organisation typed all in lower case on a phone, as it is written: "bbc" → "BBC", "home office" → "Home Office",
 * "hm treasury" → "HM Treasury". A short word with no vowel is an acronym ("dwp", "ncsc"). A name with any capital
 * is as the user wrote it ("easyJet", "bbc Studios").
 */
function orgCase(name: string): string {
  if (/\p{Lu}/u.test(name)) return name;
  return name
    .split(' ')
    .map((w, i) => {
      const known = ACRONYM_CASE.get(w);
      if (known) return known;
      if ((i > 0 || w === 'the') && SMALL_WORD.test(w)) return w;
      // "r&d" and "at&t" are acronyms; so is a short word with a digit ("mi5") or no vowel ("dwp", "ncsc").
      if (w.includes('&') || (/\p{N}/u.test(w) && w.length <= 5) || (/^\p{L}{2,5}$/u.test(w) && !/[aeiouy]/.test(w))) return w.toUpperCase();
      return (w.charAt(0).toUpperCase() + w.slice(1)).replace(/^Mc(\p{Ll})/u, (_m, l: string) => `Mc${l.toUpperCase()}`);
    })
    .join(' ');
}

/** An organisation's name as it is written, however it was typed ("bbc" → "BBC"), without any "the". */
export function orgName(name: string | null | undefined): string {
  return orgCase(clean(name));
}

/** An organisation as it reads mid-sentence, with "the" where English wants one ("the Home Office", "HM Treasury"). */
export function orgRef(name: string): string {
  return withThe(orgCase(clean(name)));
}

/** A name with "the" where English wants one, its case as given: a sector ("the NHS", "finance") as well as an organisation. */
export function withThe(n: string): string {
  if (/^the\s/i.test(n)) return n;
  if (NO_THE.test(n)) return n;
  if (THE_ACRONYMS.has(n) || THE_PREFIX.test(n) || THE_SUFFIX.test(n)) return `the ${n}`;
  return n;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function parseDate(ymd: string): Date {
  return new Date(`${ymd}T00:00:00Z`);
}

/** British ("Tuesday 23 April 2026") or American ("Tuesday, April 23, 2026") spelling and date order. */
export type Spelling = 'british' | 'american';

/**
 * A day written out in a post's prose (not the reader's locale: that is lib/dates.ts `formatDay`):
 * "Tuesday 23 April 2026", or "Tuesday, April 23, 2026" in American. Fixed tables rather than Intl, so that the
 * same event always gives the same draft whatever the runtime's locale data.
 */
export function writtenDate(ymd: string, spelling: Spelling = 'british'): string {
  const d = parseDate(ymd);
  if (spelling === 'american') return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Friday 1 May" (American "Friday, May 1") when in the same year as `relativeTo`, else with the year. */
export function writtenShortDate(ymd: string, relativeTo: string, spelling: Spelling = 'british'): string {
  if (ymd.slice(0, 4) !== relativeTo.slice(0, 4)) return writtenDate(ymd, spelling);
  const d = parseDate(ymd);
  if (spelling === 'american') return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Morning, afternoon or evening, from the hour the event started. */
export function partOfDay(hour: number): 'morning' | 'afternoon' | 'evening' {
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/**
 * When the event was, as a writer would put it on the post date: "last night", "yesterday", "this evening",
 * "on Tuesday", or "on Tuesday 23 April 2026".
 */
export function whenPhrase(
  eventDate: string,
  hour: number,
  postDate: string,
  spelling: Spelling = 'british',
  timeRef: 'relative' | 'date' = 'relative',
): string {
  const days = daysBetween(eventDate, postDate);
  const part = partOfDay(hour);
  if (timeRef === 'date') return `on ${writtenShortDate(eventDate, postDate, spelling)}`;
  if (days === 0) return part === 'evening' ? 'this evening' : part === 'afternoon' ? 'this afternoon' : 'this morning';
  if (days === 1) return part === 'evening' ? 'last night' : `yesterday ${part}`;
  if (days > 1 && days < 7) return `on ${WEEKDAYS[parseDate(eventDate).getUTCDay()]}`;
  return `on ${writtenDate(eventDate, spelling)}`;
}

/** Upper-cases the first letter of a sentence. */
export function capitalise(s: string): string {
  // A name spelled with its capital inside ("iPlayer", "eBay") is never "IPlayer", even to start a sentence.
  if (/^\p{Ll}+\p{Lu}/u.test(s)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lower-cases the first word of an imperative ("Send Jo the deck" → "send Jo the deck"), unless it is a name or acronym. */
export function lowerFirstWord(s: string): string {
  return s.replace(/^([A-Z])([a-z]+)\b/, (_m, a: string, rest: string) => a.toLowerCase() + rest);
}

/** Ends a sentence with a full stop unless it already has closing punctuation. */
export function sentence(s: string): string {
  const t = s.trim();
  return /[.!?…:]$/.test(t) || /[.!?…][)"”’']$/.test(t) ? t : `${t}.`;
}

/**
 * A phrase's leading article in lower case, for use mid-sentence ("The usual crowd" → "the usual crowd"), except
 * the "The" that is part of a name, told by the capital after it ("The Ivy", "The Guildhall"): the user typed it so.
 */
export function articleMidSentence(phrase: string): string {
  return /^The \p{Lu}/u.test(phrase) ? phrase : phrase.replace(/^(A|An|The)(?= )/, (a) => a.toLowerCase());
}

/** The words of a name that carry meaning, lower-cased, for telling whether a name says anything new. */
export function contentWords(value: string): string[] {
  return (value.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).filter(
    (w) => !/^(the|a|an|at|of|on|in|and|for|to|by|with|series|event|events|\d{4})$/.test(w),
  );
}
