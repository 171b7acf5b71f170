/** Courtesy titles, with or without a full stop, in any case: "Dr", "dr.", "Revd". */
const HONORIFIC = /^(dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|lord|lady|baroness|rev|revd|cllr)\.?$/i;

/** A person's one-line name as an address book files it: a vCard's N, a contacts CSV's name columns. */
export interface NameParts {
  /** Courtesy titles the name opens with, as written ("Dr", "Prof Sir"); '' when there are none. */
  prefix: string;
  given: string;
  family: string;
}

/**
 * Splits a name into prefix, given and family names: the last word is the family name and the words before it
 * the given names, once any courtesy titles the name opens with are set apart. Rapport keeps a name as one line
 * ("Dr Hannah Clarke", the way a vCard's N with a prefix is read in), so without this a phone would file her
 * under the given name "Dr". A title is only a title when a name follows it: a lone "Dr" stays the name. One
 * word after a title is a family name, since "Dr Clarke" and "Mrs Patel" are how titles are used.
 */
export function splitName(name: string | null): NameParts {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  let titles = 0;
  while (titles < words.length - 1 && HONORIFIC.test(words[titles]!)) titles++;
  const prefix = words.slice(0, titles).join(' ');
  const rest = words.slice(titles);
  if (rest.length <= 1) return prefix ? { prefix, given: '', family: rest[0] ?? '' } : { prefix, given: rest[0] ?? '', family: '' };
  // The words that join a surname to what follows are part of it: "van Beethoven", "de la Cruz", "Ní Bhriain".
  let from = rest.length - 1;
  while (from > 1 && PARTICLE.test(rest[from - 1]!)) from--;
  return { prefix, given: rest.slice(0, from).join(' '), family: rest.slice(from).join(' ') };
}

/** Words a surname may start with: "van", "von", "de la", "da", "di", "Ní", "Nic", "bin", "Al"… in any case. */
const PARTICLE = /^(?:van|von|der|den|de|del|della|dei|degli|des|du|da|das|do|dos|di|la|le|lo|ter|ten|te|zu|bin|ibn|bint|al|el|ní|nic|ó|ua|mac|ap|st\.?)$/i;
const LOWER_PARTICLE = /^(?:van|von|der|den|de|del|della|dei|degli|des|du|da|das|do|dos|di|la|le|ter|ten|zu|bin|ibn|bint|al|el)$/;

/**
 * A name typed all in lower case on a phone, as it is written: "sarah o'neill" → "Sarah O'Neill", "smith-jones" →
 * "Smith-Jones". A name with any capital in it is the user's spelling ("bell hooks" aside, which this gets wrong) and
 * is kept.
 */
export function nameAsWritten(name: string): string {
  if (/\p{Lu}/u.test(name)) return name;
  // A particle inside a name stays as it is written ("Ludwig van Beethoven"); "mc" starts a second capital ("McDonald").
  return name
    .split(' ')
    .map((word, i) =>
      i > 0 && LOWER_PARTICLE.test(word)
        ? word
        : word
            .replace(/(^|['’-])(\p{Ll})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
            .replace(/^Mc(\p{Ll})/u, (_m, l: string) => `Mc${l.toUpperCase()}`),
    )
    .join(' ');
}

// Two-letter words a sentence may start with, or an acronym written in title case: no one's name there.
const COMMON_TWO = new Set('am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ex re vs uk us eu'.split(' '));

/**
 * Whether a part of a name may call the person alone: three letters or more, or two that are no common word ("Jo",
 * "Li", "Ng"; not "An" or "My"). A private Jo Li is "Jo" in the user's notes as often as a Raj is "Raj".
 */
export function nameWord(part: string): boolean {
  return part.length >= 3 || (/^\p{L}{2}$/u.test(part) && !COMMON_TWO.has(part.toLowerCase()));
}

/**
 * The words of a name a text may call the person by alone ("Raj", "Patel", "Jo"), as a text writes them: capitalised,
 * and nameWord, so "the grace period" keeps its word. Taken from the name as written, so a name typed in lower case
 * ("raj patel") is still found as "Call Raj".
 */
export function callingWords(name: string): string[] {
  // Not a title: a private "Sir John Smith" does not make every "Sir" in the user's notes his.
  return [...new Set(nameAsWritten(name).split(/[\s-]+/))].filter((part) => nameWord(part) && part !== name && /^\p{Lu}/u.test(part) && !HONORIFIC.test(part));
}
