import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, setMemoryTemplate } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { workerDatabaseUrl } from '../support/worker-database';

const unitDir = path.resolve(import.meta.dirname, '../unit') + path.sep;

// Each test file runs in its own worker: on PGlite that is a fresh in-memory database, copied from the one
// tests/setup/pglite-template.ts migrated once for the run; migrating here then finds nothing left to apply.
const template = inject('pgliteTemplate');
if (template) setMemoryTemplate(new Blob([fs.readFileSync(template)]));

// On the server, each worker has a migrated copy of the test database to itself (tests/setup/postgres-global.ts).
if (process.env.DATABASE_URL && process.env.TEST_DATABASE_URL && inject('workerDatabases')) {
  process.env.DATABASE_URL = workerDatabaseUrl(process.env.TEST_DATABASE_URL, process.env.VITEST_POOL_ID ?? 1);
}

// Files that share a module graph (vitest.config.mts) share process.env too: whatever a file sets there is put back
// when it ends, so the next file in the worker starts as it would alone.
const env = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
});

beforeAll(async ({}, suite) => {
  // tests/unit is pure code and opens no database (one that did would find no tables and fail).
  if (suite.file.filepath.startsWith(unitDir)) return;
  await runMigrations();
});

afterAll(async () => {
  await closeDb();
});
