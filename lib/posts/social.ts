import type { ComposeContext } from './context';
import { bySector, isNamed, sectorPlace } from './people-phrases';
import { capitalise, clean, joinList, numberWord, whenPhrase } from './english';
import { eveningName } from './opening';
import { isStatement } from './topics';
import { nameAsWritten } from '@/lib/people/name-parts';

/** The social post's limit: it must stay under this many characters. */
export const SOCIAL_LIMIT = 280;

const length = (s: string) => [...s].length;

/** "open data" → "#OpenData", "AI" → "#AI"; null when nothing usable is left. */
export function hashtag(topic: string): string | null {
  const words = clean(topic)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const tag = words.map(capitalise).join('');
  if (!tag || /^\p{N}+$/u.test(tag)) return null;
  return `#${tag}`;
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const cut = chars.slice(0, Math.max(0, max - 1)).join('');
  return `${cut.replace(/\s+\S*$/, '') || cut}…`;
}

/**
 * A short social post in plain text, under 280 characters: when and where, whom I met by sector, the speaker,
 * the stand-out fact, then hashtags from the topics as room allows.
 */
export function composeSocial(ctx: ComposeContext): string {
  const { event, people, facts, topics, postDate } = ctx.input;
  const when = capitalise(whenPhrase(event.localDate, event.localHour, postDate, ctx.writing.spelling, ctx.writing.timeRef));
  // The same naming as the narrative, so title, series, venue and host are each said once; plain text here,
  // so the Markdown escapes of the shared helper are taken out again.
  const name = eveningName(ctx);
  const unescape = (s: string) => s.replace(/\\([\\`*_[\]<>~|&#!])/g, '$1');
  const place = unescape(`${name.phrase}${name.at}`);
  const parts: string[] = [`${when}: ${truncate(place, 120)}.`];
  const speakers = people.filter((p) => p.relation === 'spoke');
  const named = speakers.filter(isNamed);
  // Each speaker counted, the unnamed ones too: not "Great talk from Ann Lee" when two others spoke as well.
  const talks = speakers.length > 1 ? 'Great talks' : 'Great talk';
  // Long names are counted rather than cut: names while they fit, then "and two more speakers".
  const names = named.map((s) => nameAsWritten(clean(s.name)));
  const from = (shown: number) => {
    const others = speakers.length - shown;
    const rest = others === 0 ? [] : [others === 1 ? 'another speaker' : `${numberWord(others)} more speakers`];
    return joinList([...names.slice(0, shown), ...rest]);
  };
  let told = names.length;
  while (told > 1 && from(told).length > 80) told--;
  if (named.length > 0) parts.push(`${talks} from ${truncate(from(told), 100)}.`);
  else if (speakers.length > 0) parts.push(`${talks}.`);
  const met = people.filter((p) => p.relation === 'met');
  const sectors = bySector(met)
    .filter((g) => g.sector)
    .map((g) => sectorPlace(g.sector!));
  // Whole sector names only, the rest counted: never "…technology and Financial…." cut inside the list.
  const shown = sectors.slice(0, 3);
  const list = sectors.length > shown.length ? `${shown.join(', ')} and ${numberWord(sectors.length - shown.length)} more` : joinList(shown);
  if (sectors.length > 0) parts.push(`Met ${met.length === 1 ? 'someone' : 'people'} from ${list}.`);
  else if (met.length > 1) parts.push(`Met ${met.length} new people.`);

  let text = parts.join(' ');
  const tags: string[] = [];
  for (const topic of topics.concat(people.flatMap((p) => p.topics))) {
    // A statement ("Shared services contract cancelled") makes a poor hashtag.
    if (isStatement(ctx.plain(topic))) continue;
    const tag = hashtag(ctx.plain(topic));
    if (tag && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  // The stand-out fact whole is worth more than hashtags: keep as many of the first three as leave it whole. A fact
  // too long even with none keeps room for one, and is shortened.
  const reserve = (k: number) => tags.slice(0, k).reduce((n, t) => n + 1 + length(t), 0);
  const fact = facts.find((f) => clean(f.text));
  if (fact) {
    // A sentence, with its full stop: hashtags follow it.
    const typed = ctx.plain(fact.text).trim();
    const said = /[.!?…]["'”’)]*$/u.test(typed) ? typed : `${typed}.`;
    const base = SOCIAL_LIMIT - 1 - length(text) - ' Stand-out: '.length;
    const keep = [3, 2, 1, 0].find((k) => length(said) <= base - reserve(k)) ?? 1;
    const room = base - reserve(keep);
    if (room > 20) text += ` Stand-out: ${truncate(said, room)}`;
  }
  for (const tag of tags) {
    if (length(text) + 1 + length(tag) >= SOCIAL_LIMIT) continue;
    text += ` ${tag}`;
  }
  return truncate(text, SOCIAL_LIMIT - 1);
}
