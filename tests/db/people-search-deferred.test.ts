import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { deferSearch } from '@/lib/people/defer-search';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { createTestUser } from '../support/users';

/**
 * The bulk path of migration 0018: with `rapport.defer_search` on, the search triggers only note whom a statement
 * touched and one refresh runs at commit. The same writes, sent once with the per-statement triggers and once
 * deferred, must leave exactly the same search rows (text, sector, last met, vocabulary).
 */

/** A day of writes as plain SQL touching every table the index reads, addressed by name so it runs for any user. */
function writes(u: string): SQL[] {
  const person = (name: string) => sql`(select id from people where user_id = ${u}::uuid and name = ${name})`;
  return [
    sql`insert into organisations (user_id, name, sector_id)
        select ${u}::uuid, 'Northwind Trading', id from sectors where user_id = ${u}::uuid and name = 'Retail'`,
    sql`insert into organisations (user_id, name) values (${u}::uuid, 'Harbour Trust')`,
    sql`insert into people (user_id, name, role, organisation_id)
        select ${u}::uuid, 'Person ' || g, case when g % 3 = 0 then 'Archivist' else 'Pilot' end,
               (select id from organisations where user_id = ${u}::uuid and name = case when g % 2 = 0 then 'Northwind Trading' else 'Harbour Trust' end)
          from generate_series(1, 40) g`,
    sql`insert into people (user_id, name, sector_id)
        select ${u}::uuid, 'Sole Trader', id from sectors where user_id = ${u}::uuid and name = 'Retail'`,
    sql`insert into events (user_id, title, series, starts_at) values
        (${u}::uuid, 'Harbour breakfast', 'Breakfasts', '2026-03-02T08:00:00Z'),
        (${u}::uuid, 'Lighthouse supper', null, '2026-05-11T19:00:00Z')`,
    sql`insert into encounters (user_id, event_id, person_id)
        select ${u}::uuid, ev.id, p.id from people p join events ev on ev.user_id = p.user_id
         where p.user_id = ${u}::uuid and p.name like 'Person %'
           and ((ev.title = 'Harbour breakfast' and coalesce(nullif(regexp_replace(p.name, '[^0-9]', '', 'g'), ''), '0')::int <= 30) or (ev.title = 'Lighthouse supper' and coalesce(nullif(regexp_replace(p.name, '[^0-9]', '', 'g'), ''), '0')::int between 20 and 35))`,
    sql`insert into topics (user_id, name, normalised_name) values (${u}::uuid, 'Lighthouses', 'lighthouses'), (${u}::uuid, 'Ferries', 'ferries')`,
    sql`insert into encounter_topics (user_id, encounter_id, topic_id)
        select ${u}::uuid, e.id, t.id from encounters e join people p on p.id = e.person_id join topics t on t.user_id = e.user_id
         where e.user_id = ${u}::uuid and t.name = 'Lighthouses' and coalesce(nullif(regexp_replace(p.name, '[^0-9]', '', 'g'), ''), '0')::int <= 10`,
    sql`insert into person_topics (user_id, person_id, topic_id)
        select ${u}::uuid, p.id, t.id from people p join topics t on t.user_id = p.user_id
         where p.user_id = ${u}::uuid and t.name = 'Ferries' and p.name in ('Person 21', 'Person 22', 'Sole Trader')`,
    sql`update people set name = 'Quentin Blake', notes = 'loves zeppelins' where id = ${person('Person 5')}`,
    sql`update organisations set name = 'Southwind Shipping' where user_id = ${u}::uuid and name = 'Northwind Trading'`,
    sql`update sectors set name = 'Shops' where user_id = ${u}::uuid and name = 'Retail'`,
    sql`update topics set name = 'Foghorns', normalised_name = 'foghorns' where user_id = ${u}::uuid and name = 'Lighthouses'`,
    sql`update events set title = 'Quayside brunch' where user_id = ${u}::uuid and title = 'Harbour breakfast'`,
    sql`update events set deleted_at = now() where user_id = ${u}::uuid and title = 'Lighthouse supper'`,
    sql`delete from encounters where user_id = ${u}::uuid and person_id in (select id from people where user_id = ${u}::uuid and name in ('Person 25', 'Person 26'))`,
    sql`delete from person_topics where user_id = ${u}::uuid and person_id = ${person('Person 22')}`,
    sql`update people set deleted_at = now() where id = ${person('Person 40')}`,
    sql`delete from people where id = ${person('Person 39')}`,
  ];
}

/** Everything the index holds for a user, by name (ids differ between users). */
async function searchRows(u: string) {
  const people = await rows(
    db,
    sql`select p.name, p.search_text, p.title_text, p.last_met_at::text as last_met, s.name as sector, p.deleted_at is not null as deleted,
               p.search_vector::text as vector
          from people p left join sectors s on s.id = p.effective_sector_id
         where p.user_id = ${u}::uuid order by p.name`,
  );
  const vocabulary = (await rows<{ word: string }>(db, sql`select word from search_words where user_id = ${u}::uuid order by 1`)).map((w) => w.word);
  const [stats] = await rows<{ n: number }>(db, sql`select count(*)::int as n from people_stats where user_id = ${u}::uuid`);
  return { people, vocabulary, stats: stats!.n };
}

async function run(tx: Tx, u: string) {
  for (const statement of writes(u)) await tx.execute(statement);
}

describe('people search deferred to commit (migration 0018)', () => {
  it('leaves exactly the rows the per-statement triggers leave', async () => {
    const direct = await createTestUser();
    const deferred = await createTestUser();
    await db.transaction((tx) => run(tx, direct.id));
    let pendingInside = 0;
    await db.transaction(async (tx) => {
      await deferSearch(tx);
      await run(tx, deferred.id);
      // Deferred: nothing is refreshed yet, the people are only noted.
      const [noted] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from pg_temp.people_search_pending`);
      pendingInside = noted!.n;
      const [unindexed] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from people where user_id = ${deferred.id}::uuid and deleted_at is null and search_text = ''`,
      );
      expect(unindexed!.n).toBeGreaterThan(0);
    });
    expect(pendingInside).toBeGreaterThanOrEqual(40);

    const a = await searchRows(direct.id);
    const b = await searchRows(deferred.id);
    expect(a.people).toHaveLength(40);
    expect(a.vocabulary).toContain('quentin');
    expect(a.vocabulary).not.toContain('lighthouses');
    expect(b).toEqual(a);
    expect((await searchPeople(deferred.id, searchParamsSchema.parse({ q: 'foghorns' }))).total).toBe(10); // Person 5 too, renamed
  });

  it('refreshes early on request, and leaves nothing behind at commit', async () => {
    const user = await createTestUser();
    await db.transaction(async (tx) => {
      await deferSearch(tx);
      await tx.execute(sql`insert into people (user_id, name, role) select ${user.id}::uuid, 'Bulk ' || g, 'Cartographer' from generate_series(1, 25) g`);
      const [flushed] = await rows<{ n: number }>(tx, sql`select people_search_flush() as n`);
      expect(flushed!.n).toBe(25);
      const [found] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from people where user_id = ${user.id}::uuid and title_text like '% Cartographer'`,
      );
      expect(found!.n).toBe(25);
    });
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'cartographer' }))).total).toBe(25);
    const [left] = await rows<{ t: string | null }>(db, sql`select to_regclass('pg_temp.people_search_pending')::text as t`);
    expect(left!.t).toBeNull();
  });

  it('a bulk load of a thousand people, refreshed with fresh statistics at commit, indexes every one', async () => {
    const user = await createTestUser();
    await db.transaction(async (tx) => {
      await deferSearch(tx);
      await tx.execute(sql`insert into people (user_id, name, role) select ${user.id}::uuid, 'Many ' || g, 'Surveyor' from generate_series(1, 1200) g`);
    });
    const [n] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where user_id = ${user.id}::uuid and title_text like 'Many % Surveyor'`,
    );
    expect(n!.n).toBe(1200);
    expect(await rows(db, sql`select 1 from search_words where user_id = ${user.id}::uuid and word = 'surveyor'`)).toHaveLength(1);
  });

  it('without the setting, or after a rollback, writes are indexed as before', async () => {
    const user = await createTestUser();
    await db
      .transaction(async (tx) => {
        await deferSearch(tx);
        await tx.execute(sql`insert into people (user_id, name) values (${user.id}::uuid, 'Rolled Back')`);
        throw new Error('undo');
      })
      .catch(() => undefined);
    await db.execute(sql`insert into people (user_id, name) values (${user.id}::uuid, 'Indexed At Once')`);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'indexed' }))).items.map((p) => p.name)).toEqual(['Indexed At Once']);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'rolled' }))).total).toBe(0);
  });
});
