import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { currentDriver, db } from '@/db/client';
import { migrationsFolder } from '@/db/migrate';
import { rows } from '@/db/rows';
import { storedSessionId } from '@/lib/auth/sessions';

const TABLES = [
  'api_tokens',
  'encounter_topics',
  'encounters',
  'event_topics',
  'events',
  'follow_ups',
  'idempotency_keys',
  'insights',
  'organisations',
  'people',
  'posts',
  'rate_limits',
  'sectors',
  'sessions',
  'topics',
  'users',
];

async function tablesIn(query: (q: ReturnType<typeof sql>) => Promise<{ table_name: string }[]>) {
  const found = await query(sql`select table_name from information_schema.tables where table_schema = 'public'`);
  return found.map((r) => r.table_name).sort();
}

/** How many migrations are committed (drizzle-kit's journal). */
/**
 * Runs `run` on an in-memory PGlite migrated up to, not including, the migration `tag`, as a database was before it;
 * `finish` applies the rest, so a test can put in what that migration must carry over.
 */
async function pgliteBefore(tag: string, run: (client: PGlite, finish: () => Promise<void>) => Promise<void>) {
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-mig-'));
  try {
    fs.cpSync(migrationsFolder, before, { recursive: true });
    const journalPath = path.join(before, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === tag);
    expect(at, `no migration ${tag}`).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, at);
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    const client = await PGlite.create('memory://', { extensions: { pg_trgm } });
    try {
      const fresh = drizzlePglite({ client });
      await migratePglite(fresh, { migrationsFolder: before });
      await run(client, () => migratePglite(fresh, { migrationsFolder }));
    } finally {
      await client.close();
    }
  } finally {
    fs.rmSync(before, { recursive: true, force: true });
  }
}

function journalEntries(): number {
  return (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

const SNAPSHOT = {
  tables: sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  columns: sql`select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as c
                 from information_schema.columns where table_schema = 'public' order by 1`,
  indexes: sql`select indexdef from pg_indexes where schemaname = 'public' order by 1`,
  migrations: sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
};

interface Fresh {
  migrate: () => Promise<void>;
  snapshot: () => Promise<{ tables: string[]; columns: string[]; indexes: string[]; migrations: number }>;
  close: () => Promise<void>;
}

async function snapshotOf(query: <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => Promise<T[]>) {
  return {
    tables: (await query<{ table_name: string }>(SNAPSHOT.tables)).map((r) => r.table_name),
    columns: (await query<{ c: string }>(SNAPSHOT.columns)).map((r) => r.c),
    indexes: (await query<{ indexdef: string }>(SNAPSHOT.indexes)).map((r) => r.indexdef),
    migrations: Number((await query<{ n: number }>(SNAPSHOT.migrations))[0]!.n),
  };
}

/** An empty database on the driver under test: a new in-memory PGlite, or a new database on the server. */
async function freshDatabase(): Promise<Fresh> {
  if (currentDriver() === 'pglite') {
    const client = await PGlite.create('memory://', { extensions: { pg_trgm } });
    const fresh = drizzlePglite({ client });
    return {
      migrate: () => migratePglite(fresh, { migrationsFolder }),
      snapshot: () => snapshotOf((q) => rows(fresh as never, q)),
      close: () => client.close(),
    };
  }
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `rapport_idem_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const fresh = drizzle({ client });
  return {
    migrate: () => migrate(fresh, { migrationsFolder }),
    snapshot: () => snapshotOf((q) => rows(fresh as never, q)),
    close: async () => {
      await client.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe('migrations', () => {
  it('create every table and enable pg_trgm on this driver', async () => {
    expect(await tablesIn((q) => rows(db, q))).toEqual(expect.arrayContaining(TABLES));
    const ext = await rows<{ extname: string }>(db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const [sim] = await rows<{ s: number }>(db, sql`select similarity('departmnt for educaton', 'Department for Education') as s`);
    expect(Number(sim!.s)).toBeGreaterThan(0.4);
  });

  it('are idempotent: on a fresh database, applying them a second time changes nothing', async () => {
    // A fresh database of this driver, migrated by the migrator itself: runMigrations() runs once per process,
    // so calling it twice proves nothing.
    const fresh = await freshDatabase();
    try {
      await fresh.migrate();
      const first = await fresh.snapshot();
      expect(first.migrations).toBe(journalEntries());
      expect(first.tables).toEqual(expect.arrayContaining(TABLES));
      await fresh.migrate();
      const second = await fresh.snapshot();
      expect(second).toEqual(first);
    } finally {
      await fresh.close();
    }
  });

  it.runIf(currentDriver() === 'pglite')('0040 keeps every session signed in while the table stops holding their ids', async () => {
    // As a database was before 0040; then a user signed in, with the id stored as it was.
    await pgliteBefore('0040_hash_session_ids', async (client, finish) => {
      const sid = 'a-session-id-as-the-jwt-carries-it';
      await client.exec(`insert into users (id, email, name, password_hash, handle) values ('00000000-0000-4000-8000-000000000001', 'a@example.test', 'A', 'x', 'a');
        insert into sessions (id, user_id, expires_at) values ('${sid}', '00000000-0000-4000-8000-000000000001', now() + interval '1 day')`);
      await finish();
      const kept = await client.query<{ id: string }>('select id from sessions');
      expect(kept.rows).toEqual([{ id: storedSessionId(sid) }]);
    });
  });

  it.runIf(currentDriver() === 'pglite')('0051 gives the people of evenings logged before it their evening’s topics to be found by', async () => {
    await pgliteBefore('0051_search_event_topics', async (client, finish) => {
      const user = '00000000-0000-4000-8000-000000000001';
      await client.exec(`insert into users (id, email, name, password_hash, handle) values ('${user}', 'a@example.test', 'A', 'x', 'a');
        insert into people (id, user_id, name) values ('00000000-0000-4000-8000-000000000002', '${user}', 'Priya Shah');
        insert into events (id, user_id, title, starts_at) values ('00000000-0000-4000-8000-000000000003', '${user}', 'Tech breakfast', now() - interval '1 day');
        insert into topics (id, user_id, name, normalised_name) values ('00000000-0000-4000-8000-000000000004', '${user}', 'Legacy modernisation', 'legacy modernisation');
        insert into event_topics (user_id, event_id, topic_id) values ('${user}', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004');
        insert into encounters (user_id, event_id, person_id) values ('${user}', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002');`);
      const searchText = async () => (await client.query<{ t: string }>('select search_text as t from people')).rows[0]!.t;
      expect(await searchText()).not.toContain('Legacy');
      await finish();
      expect(await searchText()).toContain('Legacy modernisation');
    });
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
