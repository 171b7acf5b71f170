import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { workerDatabaseUrl } from '../support/worker-database';
import { oncePerRun } from './once-per-run';

/**
 * Migrates a fresh template database once, then copies it (CREATE DATABASE … TEMPLATE) into one database per test
 * worker: files run two at a time, and each worker's files share a database one after another exactly as every
 * file shared the one database when they ran one at a time (housekeeping, advisory locks and global counters
 * included). The browser tests that need the server use the test database itself, at the same time (scripts/
 * test.mjs): a database with a session open cannot be a template, so the copies are not made from that one.
 */
export default async function setup(project: TestProject) {
  const workers = Number(project.config.maxWorkers ?? project.globalConfig.maxWorkers ?? 1);
  const { teardown } = await oncePerRun('postgres-worker-databases', () => workerDatabases(workers));
  project.provide('workerDatabases', true);
  return teardown;
}

async function workerDatabases(workers: number) {
  const url = process.env.TEST_DATABASE_URL!;
  const name = (u: string) => decodeURIComponent(new URL(u).pathname.slice(1));
  const template = new URL(url);
  template.pathname = `/${name(url)}_template`;
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  const copies = Array.from({ length: workers }, (_, i) => name(workerDatabaseUrl(url, i + 1)));
  const dropCopies = async () => {
    for (const copy of copies) await admin.unsafe(`drop database if exists "${copy}" with (force)`);
  };
  try {
    await admin.unsafe(`drop database if exists "${name(template.toString())}" with (force)`);
    await admin.unsafe(`create database "${name(template.toString())}"`);
    execFileSync('npx', ['tsx', 'db/migrate-cli.ts'], { env: { ...process.env, DATABASE_URL: template.toString() }, stdio: 'inherit' });
    await dropCopies();
    for (const copy of copies) await admin.unsafe(`create database "${copy}" template "${name(template.toString())}"`);
    await admin.unsafe(`drop database "${name(template.toString())}"`);
  } catch (err) {
    await admin.end();
    throw err;
  }
  return {
    value: undefined,
    teardown: async () => {
      await dropCopies();
      await admin.end();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerDatabases?: boolean;
  }
}
