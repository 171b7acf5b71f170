import { sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import type { PeopleSearchResult } from './search';

/** Where a word was found, best first: what was said with them beats the evening, which beats a note. */
type Kind = 'topic' | 'interest' | 'agenda' | 'event' | 'note' | 'contact' | 'alias' | 'email';

/** Where `word` (lower case) first begins a word of `text`, in any case; -1 if nowhere. */
function wordAt(text: string, word: string): number {
  const hay = text.toLowerCase();
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(hay[at - 1]!)) return at;
  }
  return -1;
}

/** Up to about 70 characters of `text` around `at`, cut at spaces, with an ellipsis where it was cut. */
function excerpt(text: string, at: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const offset = text.length - text.trimStart().length;
  const where = Math.max(0, Math.min(flat.length, at - offset));
  if (flat.length <= 70) return flat;
  let from = Math.max(0, where - 25);
  let to = Math.min(flat.length, from + 70);
  from = Math.max(0, to - 70);
  if (from > 0) from = flat.indexOf(' ', from) + 1 || from;
  if (to < flat.length) to = flat.lastIndexOf(' ', to) > where ? flat.lastIndexOf(' ', to) : to;
  return `${from > 0 ? '…' : ''}${flat.slice(from, to).trim()}${to < flat.length ? '…' : ''}`;
}

function wording(kind: Kind, text: string, event: string | null, at: number): string {
  switch (kind) {
    case 'topic':
      return event ? `Talked about ${text} at ${event}` : `Talked about ${text}`;
    case 'interest':
      return `Interested in ${text}`;
    case 'agenda':
      return `At ${event}, on ${text}`;
    case 'event':
      return `At ${text}`;
    case 'alias':
      return `Their organisation was called ${text}`;
    case 'email':
      return text;
    case 'note':
    case 'contact':
      return `“${excerpt(text, at)}”`;
  }
}

/**
 * Why each person the search box found matched, when a word typed is nowhere in what their row shows: "Talked about
 * Legacy modernisation at CIO Club: April", "At CIO Club: April", or the words around it in a note. Each typed
 * word counts as found by any of the whole words the search took it to mean (`matchWords`: the words it begins, or its
 * corrections). One query for the page, and none when every word is on show.
 */
export async function matchReasons(
  userId: string,
  { items, matchWords }: Pick<PeopleSearchResult, 'items' | 'matchWords'>,
  conn: DbOrTx = db,
): Promise<Map<string, string>> {
  const hidden = new Map<string, string[]>();
  for (const p of items) {
    // What the row shows: a word there needs no explaining.
    const shown = [p.displayName, p.role, p.organisation?.name, p.sector?.name].join(' ');
    const unseen = matchWords.filter((words) => !words.some((w) => wordAt(shown, w) >= 0)).flat();
    if (unseen.length) hidden.set(p.id, unseen);
  }
  if (hidden.size === 0) return new Map();
  const words = [...new Set([...hidden.values()].flat())];
  const found = await rows<{ person_id: string; kind: Kind; text: string; event: string | null }>(
    conn,
    sql`with ids as (select id::uuid from jsonb_array_elements_text(${JSON.stringify([...hidden.keys()])}::jsonb) x(id)),
      live_encounters as (
        select e.id, e.person_id, e.event_id, e.notes, ev.title, ev.series, ev.starts_at
          from encounters e
          join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
         where e.user_id = ${userId}::uuid and e.person_id in (select id from ids)
      ),
      candidates as (
        select le.person_id, 1 as rank, 'topic' as kind, t.name as text, le.title as event, le.starts_at as at
          from live_encounters le
          join encounter_topics et on et.encounter_id = le.id and et.user_id = ${userId}::uuid
          join topics t on t.id = et.topic_id and t.user_id = ${userId}::uuid
        union all
        select pt.person_id, 1, 'interest', t.name, null, null
          from person_topics pt
          join topics t on t.id = pt.topic_id and t.user_id = ${userId}::uuid
         where pt.user_id = ${userId}::uuid and pt.person_id in (select id from ids)
        union all
        select le.person_id, 2, 'agenda', t.name, le.title, le.starts_at
          from live_encounters le
          join event_topics evt on evt.event_id = le.event_id and evt.user_id = ${userId}::uuid
          join topics t on t.id = evt.topic_id and t.user_id = ${userId}::uuid
        union all
        select le.person_id, 3, 'event', le.title, null, le.starts_at from live_encounters le
        union all
        select le.person_id, 3, 'event', le.series, null, le.starts_at from live_encounters le where le.series is not null
        union all
        select le.person_id, 4, 'note', le.notes, null, le.starts_at from live_encounters le where le.notes is not null
        union all
        select p.id, 4, 'note', p.notes, null, null
          from people p where p.user_id = ${userId}::uuid and p.id in (select id from ids) and p.notes is not null
        union all
        select i.person_id, 5, 'contact', i.note, null, i.occurred_on::timestamptz
          from interactions i
         where i.user_id = ${userId}::uuid and i.person_id in (select id from ids) and i.deleted_at is null
           and i.note is not null and not (i.kind = 'other' and i.note = 'Marked in touch')
        union all
        select p.id, 6, 'alias', a.name, null, null
          from people p
          join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
          cross join lateral jsonb_array_elements_text(o.aliases) a(name)
         where p.user_id = ${userId}::uuid and p.id in (select id from ids)
        union all
        select p.id, 7, 'email', p.email, null, null
          from people p where p.user_id = ${userId}::uuid and p.id in (select id from ids) and p.email is not null
      )
    select c.person_id::text, c.kind, c.text, c.event
      from candidates c
     where exists (select 1 from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) w(word)
                    where strpos(lower(c.text), w.word) > 0)
     order by c.person_id, c.rank, c.at desc nulls last`,
  );
  const reasons = new Map<string, string>();
  for (const r of found) {
    if (reasons.has(r.person_id)) continue;
    // strpos found the word anywhere; only a word that begins one of the text's words explains the match.
    const at = Math.min(
      ...hidden
        .get(r.person_id)!
        .map((w) => wordAt(r.text, w))
        .filter((i) => i >= 0),
    );
    if (Number.isFinite(at)) reasons.set(r.person_id, wording(r.kind, r.text, r.event, at));
  }
  return reasons;
}
