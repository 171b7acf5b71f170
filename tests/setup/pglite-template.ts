import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
import { pgliteExtensions } from '@/db/client';
import { oncePerRun } from './once-per-run';

/**
 * Migrates one in-memory PGlite before the PGlite files run and saves its data directory as a tarball: each
 * test file's fresh database is a copy of it (tests/setup/db.ts), which costs about a third of initdb plus every
 * migration in every file. The file's own runMigrations() still runs and finds nothing left to apply.
 */
export default async function setup(project: TestProject) {
  const { value: file, teardown } = await oncePerRun('pglite-template', migratedTemplate);
  project.provide('pgliteTemplate', file);
  return teardown;
}

async function migratedTemplate() {
  const client = await PGlite.create('memory://', { extensions: pgliteExtensions });
  await migrate(drizzle({ client }), { migrationsFolder: path.join(process.cwd(), 'db', 'migrations') });
  const tarball = await client.dumpDataDir('none');
  await client.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-pglite-template-'));
  const file = path.join(dir, 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  return { value: file, teardown: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate?: string;
  }
}
