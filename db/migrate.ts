import path from 'node:path';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { currentDriver, db } from './client';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

const KEY = Symbol.for('rapport.migrated');
type G = typeof globalThis & { [KEY]?: Promise<void> };
const LOCK_ID = 7261530;

/**
 * Applies every committed drizzle-kit migration that has not run yet. Runs once per process; several app
 * servers starting together against one PostgreSQL are serialised by an advisory lock.
 */
export function runMigrations(): Promise<void> {
  const g = globalThis as G;
  g[KEY] ??= (async () => {
    if (currentDriver() === 'pglite') {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
      return;
    }
    // A session advisory lock needs one connection for lock, migrate and unlock.
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await client`select pg_advisory_lock(${LOCK_ID})`;
      await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
      await client`select pg_advisory_unlock(${LOCK_ID})`;
    } finally {
      await client.end({ timeout: 5 });
    }
  })().catch((err) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}
