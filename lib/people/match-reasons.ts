import { sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import type { PeopleSearchResult } from './search';

/** Where a word was found, best first: what was said with them beats the evening, which beats a note. */
type Kind = 'topic' | 'interest' | 'agenda' | 'event' | 'note' | 'contact' | 'alias' | 'email';

/** Where `word` first begins a word of `text`, in any case; -1 if nowhere. */
function wordAt(text: string, word: string): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'iu'));
}

/** About 70 characters of `text` (its spaces made one) around the first of `words`, cut at spaces, "…" where cut. */
function excerpt(text: string, words: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 70) return flat;
  const found = words.map((w) => [wordAt(flat, w), w.length] as const).filter(([at]) => at >= 0);
  const [at, length] = found.length ? found.reduce((a, b) => (b[0] < a[0] ? b : a)) : [0, 0];
  let from = Math.max(0, Math.min(at - 25, flat.length - 70));
  let to = Math.min(flat.length, from + 70);
  // Whole words where a space allows, never cutting the word found.
  const space = flat.indexOf(' ', from);
  if (from > 0 && space >= 0 && space < at) from = space + 1;
  const lastSpace = flat.lastIndexOf(' ', to);
  if (to < flat.length && lastSpace > at + length) to = lastSpace;
  return `${from > 0 ? '…' : ''}${flat.slice(from, to).trim()}${to < flat.length ? '…' : ''}`;
}

function wording(kind: Kind, text: string, event: string | null, mentioned: boolean, words: string[]): string {
  switch (kind) {
    case 'topic':
      if (mentioned) return `Mentioned at ${event}, about ${text}`;
      return event ? `Talked about ${text} at ${event}` : `Talked about ${text}`;
    case 'interest':
      return `Interested in ${text}`;
    case 'agenda':
      return `${mentioned ? 'Mentioned at' : 'At'} ${event}, on ${text}`;
    case 'event':
      return `${mentioned ? 'Mentioned at' : 'At'} ${text}`;
    case 'alias':
      return `Their organisation was called ${text}`;
    case 'email':
      return text;
    case 'note':
    case 'contact':
      return `“${excerpt(text, words)}”`;
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
  const found = await rows<{ person_id: string; kind: Kind; text: string; event: string | null; mentioned: boolean }>(
    conn,
    sql`with ids as (select id::uuid from jsonb_array_elements_text(${JSON.stringify([...hidden.keys()])}::jsonb) x(id)),
      live_encounters as (
        select e.id, e.person_id, e.event_id, e.notes, e.relation = 'mentioned' as mentioned, ev.title, ev.series, ev.starts_at
          from encounters e
          join events ev on ev.id = e.event_id and ev.user_id = ${userId}::uuid and ev.deleted_at is null
         where e.user_id = ${userId}::uuid and e.person_id in (select id from ids)
      ),
      candidates as (
        select le.person_id, 1 as rank, 'topic' as kind, t.name as text, le.title as event, le.mentioned, le.starts_at as at
          from live_encounters le
          join encounter_topics et on et.encounter_id = le.id and et.user_id = ${userId}::uuid
          join topics t on t.id = et.topic_id and t.user_id = ${userId}::uuid
        union all
        select pt.person_id, 1, 'interest', t.name, null, false, null
          from person_topics pt
          join topics t on t.id = pt.topic_id and t.user_id = ${userId}::uuid
         where pt.user_id = ${userId}::uuid and pt.person_id in (select id from ids)
        union all
        select le.person_id, 2, 'agenda', t.name, le.title, le.mentioned, le.starts_at
          from live_encounters le
          join event_topics evt on evt.event_id = le.event_id and evt.user_id = ${userId}::uuid
          join topics t on t.id = evt.topic_id and t.user_id = ${userId}::uuid
        union all
        select le.person_id, 3, 'event', le.title, null, le.mentioned, le.starts_at from live_encounters le
        union all
        select le.person_id, 3, 'event', le.series, null, le.mentioned, le.starts_at from live_encounters le where le.series is not null
        union all
        select le.person_id, 4, 'note', le.notes, null, false, le.starts_at from live_encounters le where le.notes is not null
        union all
        select p.id, 4, 'note', p.notes, null, false, null
          from people p where p.user_id = ${userId}::uuid and p.id in (select id from ids) and p.notes is not null
        union all
        select i.person_id, 5, 'contact', i.note, null, false, i.occurred_on::timestamptz
          from interactions i
         where i.user_id = ${userId}::uuid and i.person_id in (select id from ids) and i.deleted_at is null
           and i.note is not null and not (i.kind = 'other' and i.note = 'Marked in touch')
        union all
        select p.id, 6, 'alias', a.name, null, false, null
          from people p
          join organisations o on o.id = p.organisation_id and o.user_id = ${userId}::uuid
          cross join lateral jsonb_array_elements_text(o.aliases) a(name)
         where p.user_id = ${userId}::uuid and p.id in (select id from ids)
        union all
        select p.id, 7, 'email', p.email, null, false, null
          from people p where p.user_id = ${userId}::uuid and p.id in (select id from ids) and p.email is not null
      )
    select c.person_id::text, c.kind, c.text, c.event, c.mentioned
      from candidates c
     where exists (select 1 from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) w(word)
                    where strpos(lower(c.text), w.word) > 0)
     order by c.person_id, c.rank, c.at desc nulls last`,
  );
  const reasons = new Map<string, string>();
  for (const r of found) {
    if (reasons.has(r.person_id)) continue;
    // strpos found the word anywhere; only a word that begins one of the text's words explains the match.
    const words = hidden.get(r.person_id)!.filter((w) => wordAt(r.text, w) >= 0);
    if (words.length) reasons.set(r.person_id, wording(r.kind, r.text, r.event, r.mentioned, words));
  }
  return reasons;
}
