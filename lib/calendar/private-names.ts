import { publicName, type NameableFields } from '@/lib/people/display-name';

/**
 * Someone who asked not to be named in public (people.keep_private). A calendar feed is public in all but name: its
 * address is shared, and Google, Apple and Outlook fetch and keep copies of it. So the feed treats it as a post.
 */
export interface PrivatePerson extends NameableFields {
  id: string;
  name: string;
  email?: string | null;
}

/** Names the feed may not carry, and how to describe their owners instead. */
export interface PrivateNames {
  /** How an entry about person `id` calls them: their description when private, else `shown` (their display name). */
  label: (id: string, shown: string) => string;
  /**
   * `text` with every private person's full name and email address (in any case, as whole words) replaced by their
   * description; and, for `linkedId` (the person the entry is about), each capitalised part of their name as well.
   */
  scrub: (text: string, linkedId?: string | null) => string;
}

interface Rule {
  /** What to find; its first word, lower-cased, is the key it is looked up by. */
  find: string;
  exactCase: boolean;
  by: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const LETTER = /[\p{L}\p{N}]/u;

const firstWord = (s: string): string | undefined => s.match(/[\p{L}\p{N}]+/u)?.[0].toLowerCase();
const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Rules keyed by the lower-cased first word of what they find, longest first, so "Jo Bloggs" goes before "Jo". */
function index(rules: Rule[]): Map<string, Rule[]> {
  const byKey = new Map<string, Rule[]>();
  for (const rule of rules) {
    const key = firstWord(rule.find);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), rule]);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.find.length - a.find.length);
  return byKey;
}

/**
 * Replaces what the rules find, in one walk over the words of `text`: at each word, only the rules that start with
 * it are tried, so the cost follows the length of the text, not the number of private people in the book. The
 * rules are plain strings compared in place, never regular expressions built from what a user typed.
 */
function replaceAll(text: string, ...indexes: Map<string, Rule[]>[]): string {
  let out = '';
  let from = 0;
  for (const word of text.matchAll(WORD)) {
    const at = word.index;
    // A word inside text already replaced (the rest of a matched name) starts nothing.
    if (at < from) continue;
    const candidates = indexes.flatMap((byKey) => byKey.get(word[0].toLowerCase()) ?? []);
    const hit = candidates.find((r) => {
      const found = text.slice(at, at + r.find.length);
      const same = r.exactCase ? found === r.find : found.toLowerCase() === r.find.toLowerCase();
      const after = text[at + r.find.length];
      return same && (after === undefined || !LETTER.test(after));
    });
    if (!hit) continue;
    out += text.slice(from, at) + hit.by;
    from = at + hit.find.length;
  }
  return out + text.slice(from);
}

/**
 * The feed's rule for private people, from the user's private people: described as a published post describes them
 * (publicName, "Head of IT, Leeds City Council"), and their names taken out of the free text the user typed (a
 * follow-up's "Call Raj Patel about the acquisition").
 */
export function privateNames(people: PrivatePerson[], counts: ReadonlyMap<string, number> = new Map()): PrivateNames {
  const described = new Map<string, string>();
  const everyone: Rule[] = [];
  // A first name or surname that is one person's alone in the whole book (`counts`, lower-cased words) is theirs in
  // any entry: "Intro Raj to Ann", on Ann's follow-up, when the user knows one Raj. Shared, it names no one.
  const alone: Rule[] = [];
  const parts = new Map<string, Map<string, Rule[]>>();
  for (const p of people) {
    const name = clean(p.name);
    if (!name) continue;
    const by = publicName({ ...p, keepPrivate: true });
    described.set(p.id, by);
    everyone.push({ find: name, exactCase: false, by });
    const email = clean(p.email);
    if (email) everyone.push({ find: email, exactCase: false, by });
    // The person an entry is about is often called by a first name or surname alone ("Call Raj"). As in the post
    // composer, a part counts only capitalised and of three letters or more, so "the grace period" keeps its word.
    const own = [...new Set(name.split(/[\s-]+/))].filter((part) => part.length >= 3 && part !== name && /^\p{Lu}/u.test(part));
    parts.set(p.id, index(own.map((find) => ({ find, exactCase: true, by }))));
    const words = name.split(/[\s-]+/);
    for (const find of new Set([words[0]!, words.at(-1)!])) {
      if (own.includes(find) && counts.get(find.toLowerCase()) === 1) alone.push({ find, exactCase: true, by });
    }
  }
  const all = index(everyone);
  const ownAlone = index(alone);
  return {
    label: (id, shown) => described.get(id) ?? shown,
    scrub: (text, linkedId) => {
      const linked = linkedId ? parts.get(linkedId) : undefined;
      // Full names and emails are tried before parts: the index passed first wins a tie of position. Spaces are tidied
      // first ("Raj  Patel" or a line break between the names is the name all the same); an entry is one line anyway.
      return replaceAll(text.replace(/\s+/g, ' '), all, ...(linked ? [linked] : []), ownAlone);
    },
  };
}
