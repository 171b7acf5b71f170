import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '@/lib/health';

// On the server driver this file gets a database of its own, so that it can refuse connections to it
// without disturbing the other test files.
const serverUrl = process.env.DATABASE_URL;
const name = `rapport_health_${process.pid}_${Date.now()}`;
const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
if (admin) {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
}

afterAll(async () => {
  if (!admin) return;
  const { closeDb } = await import('@/db/client');
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('health check', () => {
  it('is healthy when the database answers', async () => {
    expect(await checkDatabase()).toBe(true);
  });

  it.runIf(!!admin)('turns unhealthy when the server drops and refuses connections, and recovers after', async () => {
    await admin!.unsafe(`alter database ${name} allow_connections false`);
    await admin!.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    expect(await checkDatabase()).toBe(false);
    await admin!.unsafe(`alter database ${name} allow_connections true`);
    // The first queries after a reconnect must work again (postgres.js has had bugs here).
    await expect.poll(() => checkDatabase(), { timeout: 10_000, interval: 250 }).toBe(true);
    expect(await checkDatabase()).toBe(true);
  });
});
