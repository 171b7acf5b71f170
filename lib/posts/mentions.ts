import { nameAsWritten, nameWord } from '@/lib/people/name-parts';

/** One of the user's people, by name: who a post might name in public. */
export interface NamedPerson {
  id?: string;
  name: string;
  keepPrivate: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * When a name part in lower case names someone: right after `before` ("send jo"), and not before `notAfter` ("will
 * be"), in the same windows as calledOnAt of lib/people/name-scrub.ts (which this client-side module cannot import).
 */
export interface CalledOn {
  before: RegExp;
  notAfter: RegExp;
}

/**
 * Whether `needle` occurs in `text` as a whole word; `exactCase` also requires the same capitals, and `calledOn`,
 * that the words around it call on someone (CALLS_ON and NOT_CALLED_ON of lib/people/name-scrub.ts).
 */
function hasWord(text: string, needle: string, exactCase: boolean, calledOn?: CalledOn): boolean {
  // A name the phone wrapped ("Jo\nLi") is the name a reader sees.
  const spaced = text.replace(/\s+/g, ' ');
  const hay = exactCase ? spaced : spaced.toLowerCase();
  const word = exactCase ? needle : needle.toLowerCase();
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    if (
      !LETTER.test(hay[at - 1] ?? '') &&
      !LETTER.test(hay[at + word.length] ?? '') &&
      (!calledOn || (calledOn.before.test(hay.slice(Math.max(0, at - 24), at)) && !calledOn.notAfter.test(hay.slice(at + word.length, at + word.length + 16))))
    )
      return true;
  }
  return false;
}

/** `text` with each whole-word occurrence of `needle`, in any case, blanked out. */
function withoutWord(text: string, needle: string): string {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), ' ');
}

const partsOf = (name: string) => name.split(/[\s-]+/).filter(nameWord);

/** How many of `people` have each part of a name, lower-cased. */
function partCounts(people: NamedPerson[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const p of people) for (const part of new Set(partsOf(p.name).map((x) => x.toLowerCase()))) count.set(part, (count.get(part) ?? 0) + 1);
  return count;
}

/**
 * Of the people met at the post's event, then of the user's `others`, those the text names: by full name in any
 * case, or by a part of their name written as a name (capitalised, "Smith was right") that is one person's alone.
 * A part someone met there has is theirs; one of the others' must be no one else's. "Owen Chen" then names Owen
 * Chen, not every Chen in the room, "the grace period" names no Grace, and "Intro Raj to Priya" names the one Raj
 * the user knows, though he was not there. With `calledOn` (the rule the drafts and the calendar feed scrub by, in
 * lib/people/name-scrub.ts), a part in lower case names them too where a word calls on someone: "coffee with jo", as
 * typed on a phone, but not "the meeting will be on Monday".
 */
export function namedIn(
  text: string,
  met: NamedPerson[],
  others: NamedPerson[] = [],
  { otherCounts, calledOn }: { otherCounts?: ReadonlyMap<string, number>; calledOn?: CalledOn } = {},
): NamedPerson[] {
  const metParts = partCounts(met);
  // How many have each part: counted among `others`, or, when they are only some of the user's people (those the
  // text may name), as counted in the whole book (`otherCounts`, lower-cased parts).
  const otherParts = otherCounts ?? partCounts(others);
  const byFullName = new Set([...met, ...others].filter((p) => hasWord(text, p.name, false)));
  // A part within someone's full name is theirs: "Priya Kumar" does not also name the Priya met there.
  const rest = [...byFullName].sort((a, b) => b.name.length - a.name.length).reduce((t, p) => withoutWord(t, p.name), text);
  // A part is looked for as a text writes it, capitalised, however the name was typed ("sam okafor" is "Sam").
  const names = (p: NamedPerson, alone: (part: string) => boolean) =>
    byFullName.has(p) ||
    partsOf(nameAsWritten(p.name)).some(
      (part) =>
        alone(part.toLowerCase()) && /^\p{Lu}/u.test(part) && (hasWord(rest, part, true) || (!!calledOn && hasWord(rest, part.toLowerCase(), true, calledOn))),
    );
  return [
    ...met.filter((p) => names(p, (part) => metParts.get(part) === 1)),
    ...others.filter((p) => names(p, (part) => !metParts.has(part) && otherParts.get(part) === 1)),
  ];
}

/** Someone met at the event whom a post can only describe (no name, or asked not to be named), as the check shows them. */
export interface DescribedPerson {
  id: string;
  /** Their name if the user has one, else "IT Director, HMRC". */
  label: string;
  organisation: string;
}

/**
 * Of the people at the event a post can only describe, those whose organisation it mentions: "the IT director at
 * HMRC" names nobody, yet in a room of one HMRC guest it says who. Publishing lists them beside the names, so the
 * user weighs whether the description is as good as a name.
 */
export function describedIn(text: string, people: DescribedPerson[]): DescribedPerson[] {
  return people.filter((p) => hasWord(text, p.organisation, false));
}
