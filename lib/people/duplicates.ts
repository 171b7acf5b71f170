import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { displayName } from './display-name';

export type DuplicateReason = 'same email' | 'same name and organisation' | 'similar name';

export interface DuplicatePair {
  a: { id: string; displayName: string; organisation: string | null; email: string | null };
  b: { id: string; displayName: string; organisation: string | null; email: string | null };
  reason: DuplicateReason;
}

const NAME_SIMILARITY = 0.55;

/**
 * Pairs of the user's people who are probably one person: the same email; the same name at the same
 * organisation; or very similar names ("Jon Smith" / "John Smith") at the same organisation or sharing a
 * surname. Pairs are found with equality joins (indexed or hashed), never by comparing everyone with
 * everyone. With `personId`, only pairs involving that person.
 */
export async function listDuplicateSuggestions(userId: string, opts: { personId?: string; limit?: number } = {}): Promise<DuplicatePair[]> {
  const limit = Math.min(opts.limit ?? 50, 200);
  const only = opts.personId ? sql`and (a.id = ${opts.personId}::uuid or b.id = ${opts.personId}::uuid)` : sql``;
  const found = await rows<{
    a_id: string; a_name: string | null; a_role: string | null; a_org: string | null; a_email: string | null;
    b_id: string; b_name: string | null; b_role: string | null; b_org: string | null; b_email: string | null;
    reason: DuplicateReason;
  }>(
    db,
    sql`with live as (
          select p.id, p.name, p.role, p.email, p.organisation_id, p.last_met_at,
                 lower(p.name) as lname, lower(p.email) as lemail,
                 lower(regexp_replace(p.name, '^.*\\s', '')) as surname
            from people p where p.user_id = ${userId}::uuid and p.deleted_at is null
        ),
        pairs as (
          select a.id as a_id, b.id as b_id, 'same email' as reason, 1 as strength
            from live a join live b on a.lemail = b.lemail and a.id < b.id
           where a.lemail is not null ${only}
          union all
          select a.id, b.id, 'same name and organisation', 2
            from live a join live b on a.lname = b.lname and a.organisation_id = b.organisation_id and a.id < b.id
           where a.lname is not null ${only}
          union all
          select a.id, b.id, 'similar name', 3
            from live a join live b
              on a.id < b.id and a.lname <> b.lname
             and (a.organisation_id = b.organisation_id or a.surname = b.surname)
           where a.lname is not null and b.lname is not null
             and similarity(a.lname, b.lname) >= ${NAME_SIMILARITY} ${only}
        ),
        best as (
          select distinct on (a_id, b_id) a_id, b_id, reason, strength from pairs order by a_id, b_id, strength
        )
        select x.reason,
               a.id as a_id, a.name as a_name, a.role as a_role, ao.name as a_org, a.email as a_email,
               b.id as b_id, b.name as b_name, b.role as b_role, bo.name as b_org, b.email as b_email
          from best x
          join people a on a.id = x.a_id and a.user_id = ${userId}::uuid
          left join organisations ao on ao.id = a.organisation_id and ao.user_id = ${userId}::uuid
          join people b on b.id = x.b_id and b.user_id = ${userId}::uuid
          left join organisations bo on bo.id = b.organisation_id and bo.user_id = ${userId}::uuid
         order by x.strength, greatest(a.last_met_at, b.last_met_at) desc nulls last, a.id, b.id
         limit ${limit}`,
  );
  return found.map((r) => ({
    reason: r.reason,
    a: { id: r.a_id, displayName: displayName({ name: r.a_name, role: r.a_role, organisationName: r.a_org }), organisation: r.a_org, email: r.a_email },
    b: { id: r.b_id, displayName: displayName({ name: r.b_name, role: r.b_role, organisationName: r.b_org }), organisation: r.b_org, email: r.b_email },
  }));
}
