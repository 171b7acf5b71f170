import { DEFAULT_WRITING, type ComposeInput, type ComposeOptions, type ComposePerson, type WritingStyle } from './types';
import { clean, escapeMd, escapeMdKeepingInline, orgName, titleKey } from './english';
import { personRefs, type PersonRefs } from './people-phrases';
import { nameIndex, replaceNames, type NameRule } from '@/lib/people/name-scrub';
import { callingWords } from '@/lib/people/name-parts';

/** Shared state for one composition: how to refer to each person and how to make free text safe to publish. */
export interface ComposeContext {
  input: ComposeInput;
  options: ComposeOptions;
  /** Free text (a fact, an action) cleaned, private people's names replaced, Markdown-escaped. */
  text: (value: string | null | undefined) => string;
  /** Same, as plain text (the social post). */
  plain: (value: string | null | undefined) => string;
  /** The user's own prose (a reflection, a summary) as `text`, keeping the inline Markdown they wrote: *this*, a [link](…). */
  prose: (value: string | null | undefined) => string;
  /** How to refer to a person (plain text), when the id is one of the event's people. */
  ref: (personId: string | null) => PersonRefs | undefined;
  /** The people the post describes just as it describes this one ("a director at Acme"), this one included, in order. */
  alike: (personId: string) => string[];
  /** How the user writes, with defaults filled in. */
  writing: WritingStyle;
  /** Capitalised words of names in the evening, so topics that share them keep their capitals. */
  proper: Set<string>;
}

/**
 * Someone who asked not to be named can still be named in what the user typed ("Send Jo the deck", "Bloggs
 * was great"). Their full name (in any case), each part of it of three letters or more written as a capitalised
 * whole word, and their email address, become how the post describes them. The calendar feed finds names with
 * the same walk (lib/people/name-scrub.ts), under its own rules.
 */
function redactor(people: ComposePerson[], unnamed: WritingStyle['unnamed'], alone: (p: ComposePerson) => boolean): (s: string) => string {
  const rules: NameRule[] = [];
  for (const p of people) {
    const name = clean(p.name);
    if (!p.keepPrivate || !name) continue;
    const by = personRefs(p, unnamed, alone(p)).short;
    rules.push({ find: name, exactCase: false, by });
    for (const part of callingWords(name)) rules.push({ find: part, exactCase: true, by });
    const email = clean(p.email);
    if (email) rules.push({ find: email, exactCase: false, by });
  }
  if (rules.length === 0) return (s) => s;
  const index = nameIndex(rules);
  return (s) => replaceNames(s, index);
}

// Words that organisations and events are named with, and that are nouns of their own elsewhere: "Leeds City Council"
// does not make the topic "Council budgets" a name, nor "Outsourcing Forum" the topic "Outsourcing".
const NAME_PARTS =
  /^(?:Council|City|County|Borough|Office|Service|Services|Digital|Data|Government|Department|Agency|Authority|Group|Bank|Trust|University|College|School|Forum|Club|Summit|Conference|Network|Association|Society|Institute|Foundation|Partners|Partnership|Labs|Capital|Ventures|Media|News|Health|Care|Tech|Technology|Solutions|Systems|Consulting|International|Global|National|Public|Sector|Innovation|Transformation|Outsourcing|Enterprise|Security|Cyber|Cloud|Finance|Policy|Leaders|Breakfast|Drinks|Dinner|Lunch|Evening|Reception|Roundtable|Meetup|Mixer|Salon|Week)$/;

/** Builds the context for composing `input`. */
export function makeContext(input: ComposeInput, options: ComposeOptions): ComposeContext {
  const writing: WritingStyle = { ...DEFAULT_WRITING, ...Object.fromEntries(Object.entries(options.writing ?? {}).filter(([, v]) => v !== undefined)) };
  // How many people of the evening have each title, named or not, however written ("CIO", "Chief Information
  // Officer"): someone unnamed who is alone in theirs is "the head of IT" after the first mention.
  const titles = new Map<string, number>();
  for (const p of input.people) if (clean(p.role)) titles.set(titleKey(p.role!), (titles.get(titleKey(p.role!)) ?? 0) + 1);
  const alone = (p: ComposePerson) => !!clean(p.role) && titles.get(titleKey(p.role!)) === 1;
  const refs = new Map(input.people.map((p) => [p.id, personRefs(p, writing.unnamed, alone(p))]));
  // Two people the post can only describe one way ("the director at Acme") are told apart after they are introduced:
  // "one director at Acme" and "the other director at Acme" ("another" when there are more).
  const described = new Map<string, string[]>();
  for (const p of input.people) {
    const r = refs.get(p.id)!;
    if (!r.named && r.short.startsWith('the ')) described.set(r.short.toLowerCase(), [...(described.get(r.short.toLowerCase()) ?? []), p.id]);
  }
  const alike = new Map<string, string[]>();
  for (const ids of described.values()) {
    if (ids.length < 2) continue;
    ids.forEach((id, k) => {
      const r = refs.get(id)!;
      refs.set(id, { ...r, short: `${k === 0 ? 'one' : ids.length === 2 ? 'the other' : 'another'} ${r.short.slice(4)}` });
      alike.set(id, ids);
    });
  }
  const redact = redactor(input.people, writing.unnamed, alone);
  const names = [
    input.event.venue,
    input.event.host,
    input.event.series,
    input.event.title,
    // Organisations as they are written: "monzo", typed on a phone, is the name Monzo.
    ...input.people.flatMap((p) => [orgName(p.organisation), p.keepPrivate ? null : p.name]),
  ];
  const proper = new Set([
    ...names
      .flatMap((n) => clean(n).split(/\s+/))
      .filter((w) => /^\p{Lu}\p{Ll}/u.test(w) && !/^(The|A|An|And|Of|For|At|In|On)$/.test(w) && !NAME_PARTS.test(w)),
    // The names themselves, of more than one word: "Tech Nation is closing" starts with one, though "Tech" alone is a word.
    ...names.map((n) => clean(n)).filter((n) => /^\p{Lu}\S*\s+\p{Lu}/u.test(n)),
  ]);
  const plain = (value: string | null | undefined) => redact(clean(value));
  return {
    input,
    options,
    plain,
    text: (value) => escapeMd(plain(value)),
    prose: (value) => escapeMdKeepingInline(plain(value)),
    ref: (id) => (id ? refs.get(id) : undefined),
    alike: (id) => alike.get(id) ?? [id],
    writing,
    proper,
  };
}
