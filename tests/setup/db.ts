import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';

// Each test file runs in its own worker: on PGlite that is a fresh in-memory database, migrated here.
beforeAll(async () => {
  await runMigrations();
});

afterAll(async () => {
  await closeDb();
});
