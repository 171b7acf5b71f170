import type { ComposeContext } from './context';
import { article, articleMidSentence, capitalise, clean, contentWords, ordinal, orgRef, partOfDay } from './english';
import { topicNoun } from './topics';
import type { ComposePerson, DraftSource } from './types';

/**
 * How the evening is named in the opening, with no word group said twice: the title, series, venue and host
 * are often the same words ("Breakfast at the Guildhall Forum", series "Guildhall Forum", venue "The
 * Guildhall", host "Guildhall Forum series"), so each is said only when it adds a word not yet said.
 */
export interface EveningName {
  /** "a Guildhall Forum breakfast", "another CIO Club evening", "Climate Tech Drinks", "the founders breakfast". */
  phrase: string;
  /** " at the Guildhall", or "". */
  at: string;
  /** ", hosted by X", or "". */
  hostedBy: string;
  /** What is left of the title when the series has said the rest ("Panel on trust"), or "". */
  own: string;
  /** ", my fifth so far", only when the series has earlier evenings. */
  count: string;
  /** What the summary says of the evening, to weave in: whole sentences and a theme. */
  material: string[];
  from: DraftSource[];
}

const KINDS =
  /\b(breakfast|brunch|lunch|dinner|drinks|supper|reception|summit|conference|meetup|meet-up|roundtable|round table|panel|mixer|workshop|seminar|forum|webinar|social|launch|hackathon|networking evening|evening|morning|party|gala|awards|festival|expo|showcase|lecture|briefing|celebration|get-together)s?\b/i;
/** An evening with one person: "Coffee with Tom", "Lunch with Sarah Khan", "Catch-up with the CIO". */
const ONE_TO_ONE =
  /^((?:a\s+)?(?:quick\s+)?(?:coffee|tea|breakfast|brunch|lunch|dinner|supper|drinks|drink|call|catch[- ]up|chat|walk|meeting|1:1|one-to-one))\s+with\s+(\S.*)$/i;
// A summary clause that says how the evening was put on: "Held at…", "Hosted by…", "Run by…".
const PARTICIPLE = /^(?:held|hosted|co-hosted|run|organised|organized|sponsored|chaired|led|put on|supported)\s+(?:by|at|in|on|for)\s/i;
const FREQUENCY = /\b(weekly|fortnightly|monthly|quarterly|annual|yearly|regular)\b/i;
const ANOTHER = /^(another|the latest|one more)\b/i;
/** When, not what: "on Thursdays", "on the 4th", "on 12 May". */
const WHEN =
  /^(?:the\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|weekends?\b|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:first|second|third|fourth|last)\s+\w+day\b)/i;
// Finite verbs that make a summary sentence a sentence rather than a fragment.
const VERB =
  /\b(is|are|was|were|has|have|had|came|come|went|met|made|gave|took|ran|spoke|showed|will|can|could|would|should|did|does|do|got|felt|looked|seemed|joined|attended|talked|discussed|opened|presented|turned|sold|filled)\b/;

/** Splits the summary into clauses a writer could reuse: sentences, and the parts of a semicolon. */
function clauses(summary: string): string[] {
  return summary
    .split(/(?<=[.!?])\s+|;\s*/)
    .map((c) => c.trim().replace(/[.;]$/, ''))
    .filter(Boolean);
}

function isTitleCase(title: string): boolean {
  const words = title.split(' ').filter((w) => /^\p{L}/u.test(w) && !/^(of|and|for|the|in|on|at|to|a|an|with|by)$/.test(w));
  return words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/** True when the title opens with words of a name given elsewhere ("Tech Nation mixer", host "Tech Nation"). */
function startsWithName(ctx: ComposeContext, title: string): boolean {
  const [a, b] = title.split(' ');
  const names = [ctx.input.event.host, ctx.input.event.venue, ...ctx.input.people.map((p) => p.organisation)].map((n) => clean(n));
  return !!a && !!b && /^\p{Lu}/u.test(b) && names.some((n) => n.startsWith(`${a} ${b}`));
}

/**
 * An event's title after "Reflections on": "the Public Sector CIO Roundtable", "the summer party", "the future of
 * public service broadcasting" (a title's own "The" is lowered), "CIO Club: April" as typed.
 */
export function titleAfterOn(ctx: ComposeContext, title: string): string {
  if (/^The\s+\p{Ll}/u.test(title)) return `t${title.slice(1)}`;
  return titleAsNoun(ctx, clean(ctx.input.event.title), title) ?? title;
}

/** The first word of a title, lower-cased, without the punctuation after it. */
const firstWord = (title: string) => (title.split(/\s+/)[0] ?? '').toLowerCase().replace(/[^\p{L}\p{N}'’-]+$/u, '');

/**
 * The event's title as a sentence names it, `written` being the title as the draft writes it (escaped or plain):
 *  - an evening with one person reads as one: "coffee with Tom";
 *  - one with its own article, determiner or possessive keeps it: "an evening with Mary Beard", "my birthday drinks",
 *    "Sarah's leaving drinks";
 *  - a named event of a kind takes "the": "the Public Sector CIO Roundtable"; a name with no kind stays bare ("London
 *    Tech Week");
 *  - a description of a kind is lowered: "the founders breakfast", "the summer party", unless it starts with a name
 *    ("the Fintech North evening", "the London fintech drinks").
 * Null for a title of no kind the composer knows ("The future of broadcasting"), which the opening quotes.
 */
function titleAsNoun(ctx: ComposeContext, title: string, written: string): string | null {
  const lowerFirst = (w: string) => `${w.charAt(0).toLowerCase()}${w.slice(1)}`;
  const alone = ONE_TO_ONE.exec(title);
  if (alone) return `${oneToOneNoun(alone[1]!)} with ${written.replace(/^.*?\swith\s+/i, '')}`;
  const first = firstWord(title);
  // "The Outsourcing Forum" keeps the "The" of its name.
  if (KINDS.test(title) && NO_ARTICLE_BEFORE.has(first)) return first === 'the' && isTitleCase(title) ? written : lowerFirst(written);
  if (KINDS.test(title) && /['’]s$/.test(first)) return written;
  if (isTitleCase(title)) return KINDS.test(title) ? `the ${written}` : written;
  if (!KINDS.test(title)) return null;
  // A title with a name in it ("Fintech North evening", "Offline: Yorkshire CIO supper") is kept as typed: lowering its
  // first letter would leave the name half in capitals ("the fintech North evening").
  if (properFirst(title) || namedInEvent(ctx, title)) return `the ${capitalise(written)}`;
  const keep = startsWithName(ctx, title) || namesSomething(title);
  return `the ${keep ? written : lowerFirst(written)}`;
}

/**
 * The one person an evening with one person was with ("Coffee with Tom"), when only one was met or spoke: the opening
 * says whom ("I had coffee with Tom Baker, CTO at Acme") and the people paragraph does not tell them again.
 */
export function oneToOne(ctx: ComposeContext): { did: string; who: string; person: ComposePerson | null } | null {
  const m = ONE_TO_ONE.exec(clean(ctx.input.event.title));
  if (!m) return null;
  const present = ctx.input.people.filter((p) => p.relation !== 'mentioned');
  const noun = oneToOneNoun(m[1]!);
  const did = /catch/.test(noun) ? 'caught up' : /walk$/.test(noun) ? `went for ${noun}` : `had ${noun}`;
  // Whom it was with: the one there whose name the title gives ("Lunch with Sarah", Dr Sarah Khan and a colleague
  // logged), else the one person there, unless the title names someone else.
  const typed = clean(m[2])
    .toLowerCase()
    .split(/[\s,]+/);
  const names = clean(m[2])
    .split(/\s+/)
    .filter((w) => /^\p{Lu}\p{Ll}/u.test(w));
  const called = present.filter((p) =>
    clean(p.name)
      .toLowerCase()
      .split(/\s+/)
      .some((w) => w.length > 1 && typed.includes(w)),
  );
  const person = called.length === 1 ? called[0]! : present.length === 1 && !names.length ? present[0]! : null;
  return { did, who: ctx.text(m[2]), person };
}

/** What an evening with one person was, as a noun: "coffee", "a coffee", "a call", "a catch-up", "a one-to-one". */
function oneToOneNoun(typed: string): string {
  const w = typed
    .toLowerCase()
    .replace(/^a\s+/, '')
    .replace(/catch up$/, 'catch-up')
    .replace(/1:1$/, 'one-to-one');
  return /(?:call|chat|meeting|catch-up|walk|drink|one-to-one)$/.test(w) || /^(?:a|quick)\s/i.test(typed) ? `${article(w)} ${w}` : w;
}

/** The evening's name parts, each said once. */
export function eveningName(ctx: ComposeContext): EveningName {
  const { event, seriesCount } = ctx.input;
  const title = ctx.text(event.title);
  const series = ctx.text(event.series);
  // The venue as typed: the "The" of "The Ivy" is part of its name, and one typed "the Guildhall" stays so.
  const venue = ctx.text(event.venue);
  const host = ctx.text(event.host);
  const summary = ctx.prose(event.summary);
  const said = new Set<string>();
  const adds = (value: string) => contentWords(value).some((w) => !said.has(w));
  const say = (value: string) => contentWords(value).forEach((w) => said.add(w));
  const from: DraftSource[] = [{ kind: 'event', label: `Title: ${ctx.plain(event.title) || 'untitled'}` }];

  const parts = clauses(summary);
  const often = (parts.join(' ').match(FREQUENCY)?.[1] ?? '').toLowerCase();
  const kindMatch = clean(event.title).match(KINDS) ?? clean(event.series).match(KINDS);
  const kind = kindMatch ? kindMatch[1]!.toLowerCase() : partOfDay(event.localHour);

  let phrase: string;
  let own = '';
  const earlier = !!series && seriesCount >= 2;
  if (series) {
    const seriesKind = new RegExp(`\\b${kind}s?\\b`, 'i').test(series) ? series : `${series} ${kind}`;
    // A series named for how often it meets ("CIO Club monthly") says so itself: not "the monthly CIO Club monthly evenings".
    const frequency = often && !new RegExp(`\\b${often}\\b`, 'i').test(series) ? often : '';
    if (earlier) phrase = frequency ? `another of the ${frequency} ${seriesKind}s` : `another ${seriesKind}`;
    // A series named as a kind of event ("Public Sector Cloud Forum") is that event: "the Public Sector Cloud Forum",
    // not "a Public Sector Cloud Forum", which reads as one forum among many; "a CIO Club breakfast" still has its "a".
    else if (frequency) phrase = `one of the ${frequency} ${seriesKind}s`;
    else phrase = seriesKind === series ? (/^the\s/i.test(series) ? series : `the ${series}`) : `${article(seriesKind)} ${seriesKind}`;
    say(seriesKind);
    from.push({ kind: 'event', label: `Series: ${ctx.plain(event.series)}` });
    // "CIO Club: cloud after the hype" in the CIO Club series is, this time, "cloud after the hype".
    // "CIO Club, December evening" in the "CIO Club monthly" series is "December evening": the series' name, less a word
    // of how often it meets, and a comma, a colon or a dash after it.
    const named = [clean(event.series), clean(event.series).replace(FREQUENCY, '').trim()].filter(Boolean).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const rest = clean(event.title).replace(new RegExp(`^(?:${named.join('|')})(\\s+\\d{4})?\\s*[:—–,-]\\s*`, 'i'), '');
    // "CIO Club #3" is the series and a number, which "my third so far" says better than “CIO Club #3”.
    const numbered = new RegExp(`^(?:${named.join('|')})\\s*(?:#|no\\.?\\s*)?\\d+$`, 'i').test(clean(event.title));
    if (!numbered && adds(rest) && contentWords(rest).filter((w) => !said.has(w)).length >= 1) {
      own = ctx.text(rest.replace(/^\d{4}\s*[:—–-]\s*/, ''));
      say(rest);
    } else say(title);
  } else {
    phrase = titleAsNoun(ctx, clean(event.title), title) ?? `“${title}”`;
    say(title);
  }
  let at = '';
  if (venue && adds(venue)) {
    at = ` at ${venue}`;
    say(venue);
    from.push({ kind: 'event', label: `Venue: ${ctx.plain(event.venue)}` });
  }
  let hostedBy = '';
  if (host && adds(host)) {
    hostedBy = `, hosted by ${orgRef(host)}`;
    say(host);
    from.push({ kind: 'event', label: `Host: ${ctx.plain(event.host)}` });
  }
  const count = earlier ? `, my ${ordinal(seriesCount)} so far` : '';

  // The summary as material: clauses that only say "another of the series" are dropped (the opening says
  // it), "this time on X" becomes the theme, whole sentences are kept, fragments are told as a billing.
  const material: string[] = [];
  const bare = (name: string) => clean(name.replace(FREQUENCY, '')).toLowerCase();
  const seriesName = bare(event.series ?? '');
  for (const c of parts) {
    // "A monthly CIO Club on cloud procurement", the series named again only to give its subject, says the subject; not
    // "An evening on the river" or "The CIO Club on Tuesday". (The clause has single spaces, from clean(): the lazy
    // match stays linear.)
    const named = seriesName ? /^(?:(?:a|an|the)\s+)?(.+?)\s+(?:on|about)\s+(.+)$/i.exec(c) : null;
    const theme =
      /^(?:this time|this one was|this year|this month),?\s*(?:on|about)\s+(.+)$/i.exec(c) ??
      (named && bare(named[1]!).includes(seriesName) && !WHEN.test(named[2]!) ? [c, named[2]!] : null);
    if ((ANOTHER.test(c) || FREQUENCY.test(c)) && !adds(c.replace(FREQUENCY, '').replace(ANOTHER, ''))) continue;
    if (ANOTHER.test(c) && contentWords(c).filter((w) => !said.has(w) && !FREQUENCY.test(w)).length <= 2) continue;
    if (theme) {
      // After "This time it was “December evening”.", not a second "This time"; and not at all when that was the theme.
      if (adds(theme[1]!)) material.push(`${own ? 'Its' : 'This time the'} theme was ${theme[1]}.`);
    } else if (PARTICIPLE.test(c)) {
      // "Held at the Royal Institution" is how it was: "It was held at the Royal Institution.", never "A held at…".
      material.push(`It was ${c.charAt(0).toLowerCase()}${c.slice(1)}.`);
    } else if (VERB.test(c) && /^[\p{Lu}\p{N}]/u.test(c)) {
      material.push(`${capitalise(c)}.`);
    } else {
      // A fragment is the user's own note of what the evening was: "Panel on AI, then drinks" reads "It was a panel
      // on AI, then drinks."; a second one follows as its own short sentence, never the same frame twice.
      // A fragment that starts with a name ("Priya Shah on why estates stay old") is a billing: no "a" before it.
      const fragment = /^(A|An|The)\s/.test(c) ? withArticle(articleMidSentence(c)) : startsWithTwoNames(c) ? c : withArticle(topicNoun(c, ctx.proper));
      // A count is how many there were: "There were 40 guests, mostly CIOs.", never "It was 40 guests".
      if (COUNT.test(fragment)) material.push(`There were ${fragment}.`);
      else material.push(material.some((m) => m.startsWith('It was ')) ? `${capitalise(fragment)}.` : `It was ${fragment}.`);
    }
    say(c);
  }
  if (material.length) from.push(summarySource(ctx));
  return { phrase, at, hostedBy, own, count, material, from };
}

// First words of a title that are names whatever follows them: days, months, feasts, and the places and peoples an
// evening is most often named for ("London fintech drinks" is never "the london fintech drinks").
const PROPER_FIRST =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|christmas|easter|diwali|eid|hanukkah|burns|london|manchester|leeds|birmingham|bristol|edinburgh|glasgow|cardiff|belfast|liverpool|newcastle|sheffield|nottingham|leicester|cambridge|oxford|brighton|york|yorkshire|lancashire|kent|surrey|essex|scotland|wales|england|ireland|britain|europe|scottish|welsh|english|irish|british|european|american|african|asian|indian|chinese|dublin|paris|berlin|amsterdam)$/i;

/**
 * True when the title's first word is a name: a known one, or one with a capital inside ("EdTech", "CIO"). Not any word
 * of the user's organisations: "Digital" of "Government Digital Service" is still "the digital leaders breakfast".
 */
function properFirst(title: string): boolean {
  const first = (title.split(/\s+/)[0] ?? '').replace(/[^\p{L}\p{N}'’-]+$/u, '');
  return PROPER_FIRST.test(first) || /.\p{Lu}/u.test(first);
}

// First words of names that are common words too ("Open Data Institute", "Digital Catapult", "Local Government
// Association"): a title opening with one ("Open data meetup") is still a description.
const COMMON_FIRST = new Set(
  (
    'digital data tech technology local open women young new future smart green cyber health business social creative ' +
    'public private global national international annual summer winter spring autumn british london city'
  ).split(' '),
);

/**
 * True when the title's first word, capitalised, also begins a name of several words the evening gives: its venue, host
 * or series, or the organisation of someone there ("Gresham lecture on AI" with a speaker from Gresham College).
 * Not when the title goes on as the name does ("Local government roundtable" beside the Local Government
 * Association), nor for a first word that is common ("Open", "Digital").
 */
function namedInEvent(ctx: ComposeContext, title: string): boolean {
  const [first = '', second = ''] = title.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}'’-]+$/u, ''));
  if (!/^\p{Lu}\p{Ll}/u.test(first) || COMMON_FIRST.has(first.toLowerCase())) return false;
  const { venue, host, series } = ctx.input.event;
  const names = [venue, host, series, ...ctx.input.people.filter((p) => p.relation !== 'mentioned').map((p) => p.organisation)];
  return names.some((n) => {
    const [a = '', b] = clean(n)
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}\p{N}'’-]+$/u, ''));
    return a === first && !!b && b.toLowerCase() !== second.toLowerCase();
  });
}

/** A capitalised word past the first (acronyms such as "CIO" aside): a name the title holds. */
function namesSomething(title: string): boolean {
  return title
    .split(/\s+/)
    .slice(1)
    .some((w) => /^[^\p{L}]*\p{Lu}\p{Ll}/u.test(w));
}

/** A fragment that counts people or things: "40 guests", "lots of people from the BBC", "dozens of founders". */
const COUNT =
  /^(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundreds|thousands|dozens|lots|loads|plenty|several|many|a few|a lot)\s+(?:of\s+)?\S*(?:s|people)\b/i;

/** "Priya Shah …", "Fintech North …": two capitalised words first, as a name starts. */
const startsWithTwoNames = (text: string) => /^\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}[\p{Ll}'’-]/u.test(text);

/**
 * First words after which a noun phrase takes no "a": determiners and pronouns ("the", "our", "us"), quantities and
 * numbers ("lots", "several", "two", "40"), and words of degree or approximation ("mostly councils", "about fifty").
 */
const NO_ARTICLE_BEFORE = new Set(
  (
    'a an the this that these those my our your their his her its we us they them you he she him it i ' +
    'some any no each every either neither another such what whatever which whose all both half more most less fewer ' +
    'enough much many few several plenty lots loads dozen dozens hundreds thousands one two three four five six seven ' +
    'eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred ' +
    'mostly largely mainly partly chiefly entirely nearly almost roughly about around over under ' +
    'only just quite rather not then also plus followed'
  ).split(' '),
);
// Plurals that do not end in -s, and singulars that do; a head ending in -ss, -us or -is ("business", "campus",
// "analysis") is singular too.
const IRREGULAR_PLURALS = new Set(['people', 'men', 'women', 'children', 'folk', 'staff', 'media', 'data', 'criteria', 'alumni']);
const SINGULAR_IN_S = new Set(['series', 'species', 'chaos', 'canvas', 'atlas', 'lens', 'bias', 'gas']);
// Where the first noun group of a fragment ends: "great speakers | and good food", "panel | on AI".
const GROUP_END = /[,;:(–—]|\s(?:and|or|&|with|of|for|from|on|at|in|about|over|then|plus|to|by|including|across|between|among|after|before)\s/i;

const isPlural = (word: string) => IRREGULAR_PLURALS.has(word) || (/\p{L}s$/u.test(word) && !/(ss|us|is)$/.test(word) && !SINGULAR_IN_S.has(word));

/**
 * A noun phrase as it follows "It was": with "a" or "an" unless it starts with a determiner, a quantity or a word
 * of degree, or the head of its first noun group is plural ("great speakers and good food", "drinks for founders").
 */
export function withArticle(phrase: string): string {
  const words = phrase.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+$/u, '');
  if (!first || NO_ARTICLE_BEFORE.has(first) || /^\p{N}/u.test(first)) return phrase;
  const group = phrase.split(GROUP_END)[0]!.trim().split(/\s+/);
  const head = (group[group.length - 1] ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+$/u, '');
  if (isPlural(head)) return phrase;
  return `${article(phrase)} ${phrase}`;
}

/** The event's summary as a source, shortened for the editor's panel. */
export function summarySource(ctx: ComposeContext): DraftSource {
  const text = ctx.plain(ctx.input.event.summary);
  return { kind: 'summary', label: text.length > 120 ? `${text.slice(0, 119).replace(/\s+\S*$/, '')}…` : text };
}
