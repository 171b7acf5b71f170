import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { currentDriver, db, namedWhenPlanned } from '@/db/client';
import { rows } from '@/db/rows';
import { people } from '@/db/schema';
import { createTestUser } from '../support/users';

/*
 * On the PostgreSQL server, drizzle's statements are named (parsed once per connection, then one round trip each, not
 * two: db/client.ts, namedStatements), every run is planned for its own values, and an import's bulk statements stay
 * unnamed so a connection does not keep one per batch size. The embedded database runs in process: nothing to save.
 */
describe('statements on the PostgreSQL server', () => {
  it('are named and planned for their own values each run; bulk statements are not kept', async () => {
    if (currentDriver() === 'pglite') return;
    const userId = (await createTestUser()).id;
    // One transaction holds one connection, whose prepared statements pg_prepared_statements lists.
    const seen = await db.transaction(async (tx) => {
      const find = (name: string) =>
        tx
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.userId, userId), eq(people.name, name)));
      for (let i = 0; i < 7; i++) await find(`nobody ${i}`);
      const bulk = tx.insert(people).values(Array.from({ length: 40 }, (_, i) => ({ userId, name: `Bulk ${i}` })));
      await bulk;
      const statements = await rows<{ statement: string; generic: number; custom: number }>(
        tx,
        sql`select statement, generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements`,
      );
      const [mode] = await rows<{ mode: string }>(tx, sql`select current_setting('plan_cache_mode') as mode`);
      return { statements, mode: mode!.mode, findSql: find('x').toSQL().sql, bulkSql: bulk.toSQL().sql };
    });
    expect(seen.mode).toBe('force_custom_plan');
    const found = seen.statements.find((s) => s.statement === seen.findSql);
    expect(found, 'the repeated select is a named statement').toBeDefined();
    // Seven runs: past the fifth, PostgreSQL's default would have been free to switch to one generic plan.
    expect(found!.custom).toBeGreaterThanOrEqual(7);
    expect(found!.generic).toBe(0);
    expect(seen.statements.some((s) => s.statement === seen.bulkSql)).toBe(false);
  });
});

describe('a named statement a migration made stale', () => {
  it('inside a transaction, the transaction runs again rather than failing the request', async () => {
    if (currentDriver() === 'pglite') return;
    const table = sql.raw(`stale_probe_${crypto.randomUUID().replaceAll('-', '')}`);
    await db.execute(sql`create table ${table} (id int)`);
    try {
      await db.execute(sql`insert into ${table} values (1)`);
      // Every connection of the pool prepares `select *` while the table has one column: each transaction holds its
      // own connection, and they overlap.
      const pool = Number(process.env.DATABASE_POOL_MAX ?? 10);
      await Promise.all(
        Array.from({ length: pool }, () =>
          db.transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.05)`);
            await tx.execute(sql`select * from ${table} where id = ${1}`);
          }),
        ),
      );
      await db.execute(sql`alter table ${table} add column note text default 'added'`);
      const [row] = await db.transaction(async (tx) => rows<{ id: number; note: string }>(tx, sql`select * from ${table} where id = ${1}`));
      expect(row).toEqual({ id: 1, note: 'added' });
    } finally {
      await db.execute(sql`drop table ${table}`);
    }
  });
});

describe('a server that does not plan every run afresh', () => {
  it('gets unnamed statements (a pooler dropped the setting); one that does gets named ones', async () => {
    if (currentDriver() === 'pglite') return;
    const named = async (mode: string) => {
      // One connection, so pg_prepared_statements lists what this client prepared.
      const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, connection: { plan_cache_mode: mode } });
      try {
        const { sql: wrapped, ready } = namedWhenPlanned(client);
        const planned = await ready;
        const probe = drizzle({ client: wrapped });
        for (let i = 0; i < 3; i++) await probe.execute(sql`select ${i}::int as n`);
        const [row] = await client<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements where statement like 'select $1::int as n%'`;
        return { planned, prepared: row!.n };
      } finally {
        await client.end({ timeout: 5 });
      }
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await named('auto')).toEqual({ planned: false, prepared: 0 });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('statements stay unnamed'));
      expect(await named('force_custom_plan')).toEqual({ planned: true, prepared: 1 });
    } finally {
      warn.mockRestore();
    }
  });
});
