/** Courtesy titles, with or without a full stop, in any case: "Dr", "dr.", "Revd". */
const HONORIFIC = /^(dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|lord|lady|rev|revd|cllr)\.?$/i;

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
  return { prefix, given: rest.slice(0, -1).join(' '), family: rest.at(-1)! };
}
