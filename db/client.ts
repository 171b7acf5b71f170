import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

type Schema = typeof schema;
/** The one database type every query is written against, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: lib functions that compose into a bigger write take this. */
export type DbOrTx = Db | Tx;

export type Driver = 'pglite' | 'postgres';

interface Handle {
  db: Db;
  driver: Driver;
  close: () => Promise<void>;
}

const KEY = Symbol.for('rapport.db');
type GlobalWithDb = typeof globalThis & { [KEY]?: Handle };

/** The extensions every embedded database is opened with. */
export const pgliteExtensions = { pg_trgm };

let memoryTemplate: Blob | undefined;

/**
 * Tests: each new in-memory database (`memory://`) starts as a copy of this one (a PGlite `dumpDataDir` tarball of
 * a migrated database, tests/setup/pglite-template.ts) instead of running initdb and every migration again.
 */
export function setMemoryTemplate(tarball: Blob | undefined): void {
  memoryTemplate = tarball;
}

/** Where the embedded database lives: `PGLITE_DATA_DIR`, default `.data/pglite`, or `memory://` in tests. */
export function pgliteDataDir(): string {
  return process.env.PGLITE_DATA_DIR || path.join(process.cwd(), '.data', 'pglite');
}

/**
 * Two PGlite instances on one directory lose writes silently. A lock file naming the owning pid turns that
 * into a clear error for the second opener; a lock left by a dead process is taken over.
 */
function takeLock(dir: string): () => void {
  const lockPath = path.join(dir, 'rapport.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (owner === process.pid) return () => {};
      if (owner > 0 && isAlive(owner)) {
        throw new Error(
          `The embedded database at ${dir} is already open in another process (pid ${owner}). ` +
            'PGlite allows one process per data directory: stop the other process (a dev server, seed or test run), ' +
            'or point this one at another directory with PGLITE_DATA_DIR, or use a PostgreSQL server with DATABASE_URL.',
        );
      }
      fs.unlinkSync(lockPath); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Connections in each app server's pool. */
const POOL_MAX = Number(process.env.DATABASE_POOL_MAX ?? 10);

/** Statements longer than this, or with more parameters, are sent unnamed: they are the bulk writes of an import. */
const NAMED_MAX_LENGTH = 16_000;
const NAMED_MAX_PARAMETERS = 64;

/**
 * drizzle sends every query to postgres.js unnamed, and postgres.js sends an unnamed statement with parameters in two
 * round trips: Parse and Describe first (it needs the parameters' types to encode the values), then Bind and Execute.
 * Named, a statement is parsed and described once per connection and then runs in one round trip: one write and one
 * wake-up of the event loop per statement instead of two, on every page. Bulk statements (an import's multi-row
 * inserts, whose text changes with the batch) stay unnamed, so a connection keeps only the app's own few hundred
 * statements; connections are recycled every 30 minutes (max_lifetime) in any case. A statement whose cached form a
 * migration made stale is prepared again by postgres.js (outside a transaction; inside one, the transaction runs again).
 * Behind a pooler in transaction mode that cannot keep named statements (PgBouncer before 1.21), set DATABASE_PREPARE=0.
 */
function namedStatements(sql: postgres.Sql, planned: () => boolean): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (text: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(text, args as postgres.ParameterOrJSON<never>[], {
            ...options,
            prepare: planned() && text.length <= NAMED_MAX_LENGTH && (args?.length ?? 0) <= NAMED_MAX_PARAMETERS,
          });
      }
      // A transaction (and a savepoint inside one) runs on its own scoped client: name its statements too.
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
        return (...a: unknown[]) => {
          const fn = a.pop() as (tx: postgres.Sql) => unknown;
          return original.call(target, ...a, (tx: postgres.Sql) => fn(namedStatements(tx, planned)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * The client with its statements named once the server confirms that every run is planned afresh. A pooler may drop
 * the startup parameter (PgBouncer does not pass on what it does not know): then statements stay unnamed, and the
 * server says how to set it for the role. `ready` tells which, once the server has answered.
 */
export function namedWhenPlanned(client: postgres.Sql): { sql: postgres.Sql; ready: Promise<boolean> } {
  let planned = false;
  let asked: Promise<boolean> | null = null;
  // Asked once; asked again on a later statement if the server could not be reached (it may start after the app).
  const ask = () =>
    (asked ??= client
      .unsafe<{ mode: string }[]>(`select current_setting('plan_cache_mode') as mode`)
      .then(([row]) => {
        planned = row?.mode === 'force_custom_plan';
        if (!planned) {
          console.warn(
            `Rapport: plan_cache_mode is ${row?.mode}, not force_custom_plan (a pooler may have dropped it): statements stay unnamed. ` +
              'Set it for the role (ALTER ROLE … SET plan_cache_mode = force_custom_plan) to name them.',
          );
        }
        return planned;
      })
      .catch(() => {
        asked = null;
        return false;
      }));
  const ready = ask();
  return {
    sql: namedStatements(client, () => {
      if (!planned && !asked) void ask();
      return planned;
    }),
    ready,
  };
}

function open(): Handle {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database is not opened while building; this page must render dynamically.');
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const named = process.env.DATABASE_PREPARE !== '0';
    const client = postgres(url, {
      max: POOL_MAX,
      // A server that is down or restarting must fail the request quickly (503, retry) rather than hold it.
      connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT_S ?? 5),
      idle_timeout: 30,
      // Recycle connections now and then, so none outlives a failover by long.
      max_lifetime: 30 * 60,
      onnotice: () => {},
      // `npm run bench` listens to the statements a hot path sends, to EXPLAIN them (tests/bench/hot.ts); off otherwise.
      ...(process.env.RAPPORT_SQL_TAP === '1'
        ? {
            debug: (_c: number, query: string, params: unknown[]) =>
              (globalThis as { [k: symbol]: ((q: string, p: unknown[]) => void) | undefined })[Symbol.for('rapport.sqlTap')]?.(query, params),
          }
        : {}),
      connection: {
        // Named statements (see namedStatements) are planned afresh on every run with its own values, as unnamed ones
        // are: a generic plan reused across users made the brief's ranking 14× slower at 100,000 people.
        ...(named ? { plan_cache_mode: 'force_custom_plan' } : {}),
        statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
        // A transaction left open by a client that died must not hold its row locks for ever.
        idle_in_transaction_session_timeout: 60_000,
        application_name: 'rapport',
      },
    });
    const db = drizzlePostgres({ client: named ? namedWhenPlanned(client).sql : client, schema, casing: 'snake_case' }) as unknown as Db;
    return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dir = pgliteDataDir();
  let release = () => {};
  if (!dir.startsWith('memory://')) {
    fs.mkdirSync(dir, { recursive: true });
    release = takeLock(dir);
  }
  const template = dir.startsWith('memory://') ? memoryTemplate : undefined;
  const client = new PGlite(dir, { extensions: pgliteExtensions, ...(template ? { loadDataDir: template } : {}) });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    close: async () => {
      await client.close();
      release();
    },
  };
}

function handle(): Handle {
  const g = globalThis as GlobalWithDb;
  // One instance per process, kept across dev reloads and test files in one worker.
  g[KEY] ??= open();
  return g[KEY];
}

/** The error, or one of its causes, carries this SQLSTATE (drizzle wraps the driver's error as `cause`). */
function hasCode(err: unknown, code: string, routine?: string): boolean {
  type E = { code?: unknown; routine?: unknown; cause?: unknown } | undefined;
  for (let e = err as E, depth = 0; e && depth < 4; e = e.cause as E, depth++) {
    if (e.code === code && (routine === undefined || e.routine === routine)) return true;
  }
  return false;
}

/** PostgreSQL aborted the transaction to break a deadlock (SQLSTATE 40P01), directly or as a query error's cause. */
export function isDeadlock(err: unknown): boolean {
  return hasCode(err, '40P01');
}

/**
 * A named statement prepared before a migration changed its result's columns (0A000, "cached plan must not change
 * result type"). postgres.js prepares it again by itself outside a transaction; inside one, the transaction is lost,
 * and postgres.js has already forgotten the stale statement, so running the transaction again succeeds.
 */
function isStaleStatement(err: unknown): boolean {
  return hasCode(err, '0A000', 'RevalidateCachedQuery');
}

/** How many times a transaction PostgreSQL aborted to break a deadlock is run again. */
const DEADLOCK_RETRIES = 2;
/** How many times a transaction that met a stale named statement is run again: once per pooled connection, and one. */
const STALE_RETRIES = POOL_MAX + 1;

/**
 * db.transaction, run again when PostgreSQL aborted it to break a deadlock, or when a statement was stale (above).
 * Two writers of the same user can take row locks in opposite orders (the search vocabulary's counts, migration
 * 0024); one of them is then rolled back whole, so running its work again from the start is safe: transaction
 * bodies only talk to the database.
 */
function retryingTransaction(real: Db): Db['transaction'] {
  return (async (work: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
    for (let deadlocks = 0, stale = 0; ;) {
      try {
        return await real.transaction(work, config);
      } catch (err) {
        // After a migration every connection of the pool may hold the stale statement, and each forgets it only when
        // it fails there: one try per connection, at once.
        if (isStaleStatement(err) && stale++ < STALE_RETRIES) continue;
        if (!isDeadlock(err) || deadlocks++ >= DEADLOCK_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
    }
  }) as Db['transaction'];
}

/** The process-wide database, opened on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = handle().db as unknown as Record<PropertyKey, unknown>;
    if (prop === 'transaction') return retryingTransaction(handle().db);
    const value = real[prop];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** Which driver this process uses. */
export function currentDriver(): Driver {
  return handle().driver;
}

/** Close the database (scripts and tests); the next use opens it again. */
export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const h = g[KEY];
  g[KEY] = undefined;
  await h?.close();
}

// postgres.js's own codes for a connection that could not be made or was lost, and SQLSTATEs of a server that is
// shutting down, starting up, or cut the connection (class 08, 57P01–57P03), or a statement it cancelled.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '53300',
]);

/**
 * Whether an error means the database is (for now) out of reach rather than that the request was wrong: the
 * answer is then "503, try again", and nothing was committed. Drizzle wraps driver errors, so the chain of
 * causes is searched.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}
