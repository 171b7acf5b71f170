import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { workerDatabaseUrl } from '../support/worker-database';

/**
 * Migrates the PostgreSQL test database once, then copies it (CREATE DATABASE … TEMPLATE) into one database per
 * test worker: files run two at a time, and each worker's files share a database one after another exactly as
 * every file shared the one database when they ran one at a time (housekeeping, advisory locks and global
 * counters included). The browser tests that need the server use the test database itself.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL!;
  execFileSync('npx', ['tsx', 'db/migrate-cli.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
  const name = (u: string) => decodeURIComponent(new URL(u).pathname.slice(1));
  const workers = Number(project.config.maxWorkers ?? project.globalConfig.maxWorkers ?? 1);
  // Not connected to the test database itself: a database with a session open cannot be a template.
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  const copies = Array.from({ length: workers }, (_, i) => name(workerDatabaseUrl(url, i + 1)));
  const dropCopies = async () => {
    for (const copy of copies) await admin.unsafe(`drop database if exists "${copy}" with (force)`);
  };
  try {
    await dropCopies();
    for (const copy of copies) await admin.unsafe(`create database "${copy}" template "${name(url)}"`);
  } catch (err) {
    await admin.end();
    throw err;
  }
  project.provide('workerDatabases', true);
  return async () => {
    await dropCopies();
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerDatabases?: boolean;
  }
}
