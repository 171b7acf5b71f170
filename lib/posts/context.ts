import { DEFAULT_WRITING, type ComposeInput, type ComposeOptions, type ComposePerson, type WritingStyle } from './types';
import { clean, escapeMd } from './english';
import { personRefs, type PersonRefs } from './people-phrases';

/** Shared state for one composition: how to refer to each person and how to make free text safe to publish. */
export interface ComposeContext {
  input: ComposeInput;
  options: ComposeOptions;
  /** Free text (a fact, an action) cleaned, private people's names replaced, Markdown-escaped. */
  text: (value: string | null | undefined) => string;
  /** Same, as plain text (the social post). */
  plain: (value: string | null | undefined) => string;
  /** How to refer to a person (plain text), when the id is one of the event's people. */
  ref: (personId: string | null) => PersonRefs | undefined;
  /** How the user writes, with defaults filled in. */
  writing: WritingStyle;
  /** Capitalised words of names in the evening, so topics that share them keep their capitals. */
  proper: Set<string>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const WORD_EDGE_AFTER = '(?![\\p{L}\\p{N}])';

/**
 * Someone who asked not to be named can still be named in what the user typed ("Send Jo the deck", "Bloggs
 * was great"). Their full name, each part of it of three letters or more written as a capitalised whole word,
 * and their email address, become how the post describes them.
 */
function redactor(people: ComposePerson[], unnamed: WritingStyle['unnamed']): (s: string) => string {
  const rules: { name: string; re: RegExp; by: string }[] = [];
  for (const p of people) {
    const name = clean(p.name);
    if (!p.keepPrivate || !name) continue;
    const by = personRefs(p, unnamed).short;
    rules.push({ name, re: new RegExp(`${WORD_EDGE_BEFORE}${escapeRe(name)}${WORD_EDGE_AFTER}`, 'giu'), by });
    for (const part of new Set(name.split(/[\s-]+/))) {
      if (part.length >= 3 && part !== name && /^\p{Lu}/u.test(part)) {
        rules.push({ name: part, re: new RegExp(`${WORD_EDGE_BEFORE}${escapeRe(part)}${WORD_EDGE_AFTER}`, 'gu'), by });
      }
    }
    const email = clean(p.email);
    if (email) rules.push({ name: email, re: new RegExp(escapeRe(email), 'giu'), by });
  }
  // Longest names first, so "Jo Bloggs" goes before "Jo".
  rules.sort((a, b) => b.name.length - a.name.length);
  return (s) => rules.reduce((acc, r) => acc.replace(r.re, () => r.by), s);
}

/** Builds the context for composing `input`. */
export function makeContext(input: ComposeInput, options: ComposeOptions): ComposeContext {
  const writing: WritingStyle = { ...DEFAULT_WRITING, ...Object.fromEntries(Object.entries(options.writing ?? {}).filter(([, v]) => v !== undefined)) };
  const refs = new Map(input.people.map((p) => [p.id, personRefs(p, writing.unnamed)]));
  const redact = redactor(input.people, writing.unnamed);
  const names = [
    input.event.venue,
    input.event.host,
    input.event.series,
    input.event.title,
    ...input.people.flatMap((p) => [p.organisation, p.keepPrivate ? null : p.name]),
  ];
  const proper = new Set(names.flatMap((n) => clean(n).split(/\s+/)).filter((w) => /^\p{Lu}\p{Ll}/u.test(w) && !/^(The|A|An|And|Of|For|At|In|On)$/.test(w)));
  const plain = (value: string | null | undefined) => redact(clean(value));
  return {
    input,
    options,
    plain,
    text: (value) => escapeMd(plain(value)),
    ref: (id) => (id ? refs.get(id) : undefined),
    writing,
    proper,
  };
}
