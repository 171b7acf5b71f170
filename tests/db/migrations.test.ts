import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { currentDriver, db } from '@/db/client';
import { migrationsFolder, runMigrations } from '@/db/migrate';
import { rows } from '@/db/rows';

const TABLES = [
  'api_tokens', 'encounter_topics', 'encounters', 'event_topics', 'events', 'follow_ups', 'idempotency_keys',
  'insights', 'organisations', 'people', 'posts', 'rate_limits', 'sectors', 'sessions', 'topics', 'users',
];

async function tablesIn(query: (q: ReturnType<typeof sql>) => Promise<{ table_name: string }[]>) {
  const found = await query(sql`select table_name from information_schema.tables where table_schema = 'public'`);
  return found.map((r) => r.table_name).sort();
}

describe('migrations', () => {
  it('create every table and enable pg_trgm on this driver', async () => {
    expect(await tablesIn((q) => rows(db, q))).toEqual(expect.arrayContaining(TABLES));
    const ext = await rows<{ extname: string }>(db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const [sim] = await rows<{ s: number }>(db, sql`select similarity('departmnt for educaton', 'Department for Education') as s`);
    expect(Number(sim!.s)).toBeGreaterThan(0.4);
  });

  it('are idempotent: running them again changes nothing', async () => {
    const before = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await runMigrations();
    const after = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(before[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it.runIf(currentDriver() === 'postgres')('apply to an empty PostgreSQL database from scratch', async () => {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `rapport_mig_${Date.now()}_${process.pid}`;
    await admin.unsafe(`create database ${name}`);
    try {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        await migrate(drizzle({ client }), { migrationsFolder });
        const found = await client<{ table_name: string }[]>`
          select table_name from information_schema.tables where table_schema = 'public'`;
        expect(found.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
      } finally {
        await client.end();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
