import { publicName, type NameableFields } from '@/lib/people/display-name';
import { nameIndex, replaceNames, type NameIndex, type NameRule } from '@/lib/people/name-scrub';
import { callingWords, nameAsWritten } from '@/lib/people/name-parts';

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

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * The feed's rule for private people, from the user's private people: described as a published post describes them
 * (publicName, "Head of IT, Leeds City Council"), and their names taken out of the free text the user typed (a
 * follow-up's "Call Raj Patel about the acquisition").
 */
export function privateNames(people: PrivatePerson[], counts: ReadonlyMap<string, number> = new Map()): PrivateNames {
  const described = new Map<string, string>();
  const everyone: NameRule[] = [];
  // A first name or surname that is one person's alone in the whole book (`counts`, lower-cased words) is theirs in
  // any entry: "Intro Raj to Ann", on Ann's follow-up, when the user knows one Raj. Shared, it names no one.
  const alone: NameRule[] = [];
  const parts = new Map<string, NameIndex>();
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
    const own = callingWords(name);
    parts.set(p.id, nameIndex(own.map((find) => ({ find, exactCase: true, by }))));
    const words = nameAsWritten(name).split(/[\s-]+/);
    for (const find of new Set([words[0]!, words.at(-1)!])) {
      if (own.includes(find) && counts.get(find.toLowerCase()) === 1) alone.push({ find, exactCase: true, by });
    }
  }
  const all = nameIndex(everyone);
  const ownAlone = nameIndex(alone);
  return {
    label: (id, shown) => described.get(id) ?? shown,
    scrub: (text, linkedId) => {
      const linked = linkedId ? parts.get(linkedId) : undefined;
      // Full names and emails are tried before parts: the index passed first wins a tie of position. Spaces are tidied
      // first ("Raj  Patel" or a line break between the names is the name all the same); an entry is one line anyway.
      return replaceNames(text.replace(/\s+/g, ' '), all, ...(linked ? [linked] : []), ownAlone);
    },
  };
}
