import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { answeredPairs, ordered } from '@/lib/answered-pairs';
import { alikePairs, type AlikeReason } from './alike';

export interface OrganisationBrief {
  id: string;
  name: string;
  people: number;
}

/** Two of the user's organisations that may be one (see alike.ts), the one with more people first. */
export interface OrganisationPair {
  keep: OrganisationBrief;
  other: OrganisationBrief;
  reason: AlikeReason;
}

/**
 * The user's organisations that may be one, not answered "Not the same organisation"; with `about`, only the pairs
 * it is in. Every live name is read (a few thousand at most, names only) and compared in one pass; people are counted
 * only for the organisations paired.
 */
export async function listOrganisationPairs(userId: string, opts: { about?: string; limit?: number } = {}): Promise<OrganisationPair[]> {
  const [orgs, answered] = await Promise.all([
    rows<{ id: string; name: string }>(
      db,
      sql`select id, name from organisations where user_id = ${userId}::uuid and deleted_at is null order by lower(name), id`,
    ),
    rows<{ a: string; b: string }>(db, sql`select organisation_id as a, other_id as b from organisation_not_duplicates where user_id = ${userId}::uuid`),
  ]);
  const no = new Set(answered.map((r) => `${r.a} ${r.b}`));
  const about = opts.about?.toLowerCase();
  const focus = about ? orgs.findIndex((o) => o.id === about) : undefined;
  if (focus === -1) return [];
  const pairs = alikePairs(
    orgs.map((o) => o.name),
    focus,
  )
    .map((p) => ({ x: orgs[p.a]!, y: orgs[p.b]!, reason: p.reason }))
    .filter(({ x, y }) => !no.has(ordered(x.id, y.id).join(' ')))
    .filter(({ x, y }) => !about || x.id === about || y.id === about)
    .slice(0, opts.limit ?? 50);
  if (pairs.length === 0) return [];
  const ids = [...new Set(pairs.flatMap(({ x, y }) => [x.id, y.id]))];
  const counts = await rows<{ id: string; n: number | string }>(
    db,
    sql`select organisation_id as id, count(*) as n from people
         where user_id = ${userId}::uuid and deleted_at is null
           and organisation_id in (${sql.join(
             ids.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
         group by organisation_id`,
  );
  const people = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const brief = (o: { id: string; name: string }) => ({ id: o.id, name: o.name, people: people.get(o.id) ?? 0 });
  return pairs.map(({ x, y, reason }) => {
    const [keep, other] = [brief(x), brief(y)].sort((p, q) => q.people - p.people);
    return { keep: keep!, other: other!, reason };
  });
}

/**
 * "Not the same organisation": the two are no longer offered for merging (markOrganisationsNotDuplicate); its undo
 * lets them be offered again. Both must be the user's and live.
 */
export const { mark: markOrganisationsNotDuplicate, unmark: unmarkOrganisationsNotDuplicate } = answeredPairs({
  pairs: 'organisation_not_duplicates',
  records: 'organisations',
  first: 'organisation_id',
  second: 'other_id',
});
