import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type RefreshScope =
  | { personIds: string[] }
  | { organisationId: string }
  | { sectorId: string }
  | { eventId: string }
  | { all: true };

function scopeFilter(scope: RefreshScope): SQL | null {
  if ('personIds' in scope) {
    if (scope.personIds.length === 0) return null;
    return sql`p.id in (${sql.join(
      scope.personIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
  }
  if ('organisationId' in scope) return sql`p.organisation_id = ${scope.organisationId}::uuid`;
  if ('sectorId' in scope) {
    return sql`(p.sector_id = ${scope.sectorId}::uuid or p.organisation_id in
      (select o.id from organisations o where o.sector_id = ${scope.sectorId}::uuid))`;
  }
  if ('eventId' in scope) {
    return sql`p.id in (select e.person_id from encounters e where e.event_id = ${scope.eventId}::uuid)`;
  }
  return sql`true`;
}

/**
 * Recomputes the denormalised search text and last-met date of some of a user's people from their own fields,
 * organisation, sector, encounter topics and events. Call it in the same transaction as any write that changes
 * one of those (saving an event, renaming an organisation, merging sectors…), so search never goes stale.
 */
export async function refreshPeopleSearch(conn: DbOrTx, userId: string, scope: RefreshScope): Promise<void> {
  const filter = scopeFilter(scope);
  if (!filter) return;
  await conn.execute(sql`
    update people p set
      search_text = concat_ws(' ',
        p.name, p.role, p.email, p.notes,
        (select o.name from organisations o where o.id = p.organisation_id),
        (select s.name from sectors s
          where s.id = coalesce(p.sector_id, (select o.sector_id from organisations o where o.id = p.organisation_id))),
        (select string_agg(distinct t.name, ' ')
           from encounters e
           join encounter_topics et on et.encounter_id = e.id
           join topics t on t.id = et.topic_id
           join events ev on ev.id = e.event_id and ev.deleted_at is null
          where e.person_id = p.id),
        (select string_agg(distinct concat_ws(' ', ev.title, ev.series), ' ')
           from encounters e join events ev on ev.id = e.event_id and ev.deleted_at is null
          where e.person_id = p.id)
      ),
      last_met_at = (select max(ev.starts_at)
           from encounters e join events ev on ev.id = e.event_id and ev.deleted_at is null
          where e.person_id = p.id)
    where p.user_id = ${userId}::uuid and ${filter}`);
}
