import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { encounters, people } from '@/db/schema';
import { surnameOf } from '@/lib/surname';
import { namedIn, type DescribedPerson, type NamedPerson } from './mentions';
import { displayName } from '@/lib/people/display-name';
import { nameWord } from '@/lib/people/name-parts';
import { CALLS_ON, calledOnAt, NOT_CALLED_ON } from '@/lib/people/name-scrub';
import { postSource } from './source';
import type { ComposeInput } from './types';

/** The named people met at an event, for the check before a post about it is published. */
async function peopleMetAt(userId: string, eventId: string | null, conn: DbOrTx = db): Promise<NamedPerson[]> {
  if (!eventId) return [];
  const found = await conn
    .select({ id: people.id, name: people.name, keepPrivate: people.keepPrivate })
    .from(encounters)
    .innerJoin(people, and(eq(people.id, encounters.personId), eq(people.userId, userId), isNull(people.deletedAt)))
    .where(and(eq(encounters.userId, userId), eq(encounters.eventId, eventId), isNotNull(people.name)))
    .orderBy(asc(encounters.position));
  return found.flatMap((p) => (p.name ? [{ id: p.id, name: p.name, keepPrivate: p.keepPrivate }] : []));
}

/** When a name part in lower case names someone (namedIn). */
const calledOn = { before: CALLS_ON, notAfter: NOT_CALLED_ON };

/** A name's first word, to a space or hyphen, lower-cased: exactly as people_user_first_name_idx (migration 0035). */
const FIRST_NAME = sql`lower(regexp_replace(p.name, '[\\s-].*$', ''))`;
const SURNAME = surnameOf(sql`p.name`);

/** Whether a lower-case word is called on with the capitalised words just before it left out (see wordsIn). */
function calledOnPast(spaced: string, start: number, end: number): boolean {
  const before = spaced.slice(Math.max(0, start - 96), start).replace(/\p{Lu}[\p{L}\p{N}'’-]*\s*/gu, '');
  return calledOnAt(before + spaced.slice(start), before.length, before.length + end - start);
}

/**
 * The words of a text, lower-cased, each hyphenated word whole and in pieces; and those of them written as a name:
 * capitalised, or in lower case right after a word that calls on someone ("send jo the deck", CALLS_ON).
 */
function wordsIn(text: string): { all: string[]; capitalised: string[] } {
  const all = new Set<string>();
  const capitalised = new Set<string>();
  // Spaces as namedIn reads them: "send" and a name on the next line but one are as near as on one line.
  const spaced = text.replace(/\s+/g, ' ');
  for (const { 0: token, index } of spaced.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    all.add(token.toLowerCase());
    const end = index + token.length;
    // namedIn reads a lower-case part after taking out the full names it found ("met Priya raj" is "met raj" once the
    // Priya it knows is out): the capitalised words just before it are read past too, so no one it names is missed.
    const isCalledOn = calledOnAt(spaced, index, end) || calledOnPast(spaced, index, end);
    // A hyphenated surname ("Patel-Smith") or one with an apostrophe ("O’Brien") is one word to the name indexes, as
    // well as its pieces.
    if (/[-'’]/.test(token) && (isCalledOn || /^\p{Lu}/u.test(token))) capitalised.add(token.toLowerCase());
    for (const [i, piece] of token.split(/[-'’]/).entries()) {
      all.add(piece.toLowerCase());
      if (nameWord(piece) && (/^\p{Lu}/u.test(piece) || (i === 0 && isCalledOn))) capitalised.add(piece.toLowerCase());
    }
  }
  return { all: [...all], capitalised: [...capitalised] };
}

/**
 * The user's other named people (leaving out `met`) whom `text` may name, as namedIn tells it: anyone whose first
 * name and surname are both there in any case (a full name), and the one person, if only one, whose first name or
 * surname is a word written there capitalised ("Raj", when the user knows one Raj; a name two people have names
 * neither). Counted and read through the first-name and surname indexes, so the cost follows the names in the text,
 * not the size of the book. A part of a name that is neither its first word nor its last (a middle name) is not
 * looked for.
 */
async function othersNamedMaybe(
  conn: DbOrTx,
  userId: string,
  met: NamedPerson[],
  text: string,
  onlyPrivate = false,
): Promise<{ people: NamedPerson[]; counts: Map<string, number> }> {
  const { all } = wordsIn(text);
  if (all.length === 0) return { people: [], counts: new Map() };
  const list = (words: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(words)}::jsonb))`;
  const live = sql`p.user_id = ${userId}::uuid and p.deleted_at is null and p.name is not null`;
  const counts = await nameWordCounts(userId, text, conn);
  const alone = [...counts].filter(([, n]) => n === 1).map(([word]) => word);
  const found = await rows<{ id: string; name: string; keep_private: boolean }>(
    conn,
    sql`select p.id::text, p.name, p.keep_private from people p
         where ${live} ${onlyPrivate ? sql`and p.keep_private` : sql``}
           and (${FIRST_NAME} = any(${list(alone)}) or ${SURNAME} = any(${list(alone)})
                or (${SURNAME} = any(${list(all)}) and ${FIRST_NAME} = any(${list(all)})))`,
  );
  const metIds = new Set(met.map((p) => p.id));
  return { people: found.filter((p) => !metIds.has(p.id)).map((p) => ({ id: p.id, name: p.name, keepPrivate: p.keep_private })), counts };
}

/**
 * How many of the user's people have each capitalised word of `text` as their first name or surname (two is as good
 * as many: it stops there), in the whole book, through the name indexes: namedIn tells from these whether a name is
 * one person's alone, and the calendar feed whether "Raj" is the private Raj's.
 */
export async function nameWordCounts(userId: string, text: string, conn: DbOrTx = db): Promise<Map<string, number>> {
  const { capitalised } = wordsIn(text);
  if (capitalised.length === 0) return new Map();
  const live = sql`p.user_id = ${userId}::uuid and p.deleted_at is null and p.name is not null`;
  const found = await rows<{ word: string; n: number }>(
    conn,
    sql`select w.word, (select count(*)::int from (
               select 1 from people p where ${live} and ${FIRST_NAME} = w.word
               union all
               select 1 from people p where ${live} and ${SURNAME} = w.word and ${FIRST_NAME} <> w.word
               limit 2) two) as n
          from jsonb_array_elements_text(${JSON.stringify(capitalised)}::jsonb) w(word)`,
  );
  return new Map(found.map((r) => [r.word, r.n] as const));
}

/** Everything a draft of the event could be written from that may hold a name the user typed. */
function composerTexts(input: ComposeInput): string[] {
  const { event } = input;
  return [
    event.title,
    event.venue,
    event.host,
    event.series,
    event.summary,
    event.reflection,
    ...input.topics,
    ...input.people.flatMap((p) => [p.notes, ...p.topics]),
    ...input.facts.map((f) => f.text),
    ...input.followUps.map((f) => f.action),
  ].flatMap((t) => (t ? [t] : []));
}

/**
 * Whom the editor checks a post for as it is written: everyone named met at its event, and those of the user's
 * other people whose names are in the post or in anything a regenerated draft could say (a follow-up or a fact
 * names people who were not there). A name typed afresh of someone else is caught by the server when publishing.
 */
export async function peopleToCheck(
  userId: string,
  post: { eventId: string | null; title: string; bodyMarkdown: string; createdAt: Date },
  /** The post's event as postSource reads it, when the caller has it already. */
  source?: ComposeInput | null,
): Promise<{ met: NamedPerson[]; others: NamedPerson[]; described: DescribedPerson[] }> {
  const [met, input] = await Promise.all([peopleMetAt(userId, post.eventId), source === undefined ? postSource(userId, post, 'UTC') : source]);
  // Those at the event a post can only describe, and by an organisation it could mention (describedIn).
  const described = (input?.people ?? []).flatMap((p) =>
    (!p.name || p.keepPrivate) && p.organisation?.trim()
      ? [{ id: p.id, label: p.name ?? displayName({ role: p.role, organisationName: p.organisation }), organisation: p.organisation.trim() }]
      : [],
  );
  const texts = [post.title, post.bodyMarkdown, ...(input ? composerTexts(input) : [])].join('\n');
  // Only those the texts name go to the editor (a handful), not every namesake looked at to tell whose a name is.
  const others = await othersNamedMaybe(db, userId, met, texts);
  const metIds = new Set(met.map((p) => p.id));
  return { met, others: namedIn(texts, met, others.people, { otherCounts: others.counts, calledOn }).filter((p) => !metIds.has(p.id)), described };
}

/**
 * The user's people who asked not to be named in public and whom `text` names, met at the post's event or not (the
 * same finder the editor warns with), so the server refuses what the browser only warns about.
 */
export async function privatePeopleNamed(conn: DbOrTx, userId: string, eventId: string | null, text: string): Promise<NamedPerson[]> {
  const met = await peopleMetAt(userId, eventId, conn);
  // Usually no one private may be named, and that needs only them read. Otherwise all the user's people are, to
  // tell whose a shared first name is (the others can only take names away from those met there, never add one).
  const privateOthers = await othersNamedMaybe(conn, userId, met, text, true);
  if (privateOthers.people.length === 0 && !namedIn(text, met, [], { calledOn }).some((p) => p.keepPrivate)) return [];
  const others = await othersNamedMaybe(conn, userId, met, text);
  return namedIn(text, met, others.people, { otherCounts: others.counts, calledOn }).filter((p) => p.keepPrivate);
}

/**
 * The user's published posts that name `person`, by the rule publishing applies (privatePeopleNamed): someone marked
 * "don't name them" after a post went out is still named in it, and the person's page says where. Only posts that
 * hold their name or a part of it are read whole.
 */
export async function publishedPostsNaming(userId: string, person: { id: string; name: string | null }): Promise<{ id: string; title: string }[]> {
  if (!person.name) return [];
  const words = [person.name, ...person.name.split(/[\s-]+/).filter(nameWord)].map((w) => w.toLowerCase());
  const candidates = await rows<{ id: string; title: string; event_id: string | null; body: string }>(
    db,
    // The text readers see: as last published, for a post edited since (publishing the edits asks about them).
    sql`select id::text, title, event_id::text, body from (
           select id, title, event_id, published_at, coalesce(published_title, title) || E'\n' || coalesce(published_body_markdown, body_markdown) as body
             from posts where user_id = ${userId}::uuid and status = 'published' and deleted_at is null) p
         where exists (select 1 from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) w(word) where strpos(lower(body), w.word) > 0)
         order by published_at desc`,
  );
  const naming: { id: string; title: string }[] = [];
  for (const post of candidates) {
    const text = post.body;
    // The strpos above finds "lee" in "Leeds": only a post that names them by itself, as a word, is worth the check
    // against the whole book (which can only take a shared name away from them).
    if (namedIn(text, [], [{ id: person.id, name: person.name, keepPrivate: true }], { calledOn }).length === 0) continue;
    const named = await privatePeopleNamed(db, userId, post.event_id, text);
    if (named.some((p) => p.id === person.id)) naming.push({ id: post.id, title: post.title });
  }
  return naming;
}

/**
 * The names of the user's people who asked not to be named and whose first name or surname is a word of `text`,
 * read through the name indexes. A draft writes such a name as a description, so a text that held it is found in a
 * post only in the pieces around it (off-the-record.ts).
 */
export async function privateNamesIn(userId: string, text: string, conn: DbOrTx = db): Promise<string[]> {
  const { all } = wordsIn(text);
  if (all.length === 0) return [];
  const words = sql`array(select jsonb_array_elements_text(${JSON.stringify(all)}::jsonb))`;
  const found = await rows<{ name: string }>(
    conn,
    sql`select distinct p.name from people p
         where p.user_id = ${userId}::uuid and p.deleted_at is null and p.name is not null and p.keep_private
           and (${FIRST_NAME} = any(${words}) or ${SURNAME} = any(${words}))`,
  );
  return found.map((r) => r.name);
}
