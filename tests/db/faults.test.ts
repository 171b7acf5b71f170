import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { rows } from '@/db/rows';
import { createApiToken } from '@/lib/api/tokens';
import { callRoute, type Handler } from '../support/api';
import { freePort } from '../support/app-process';
import { createTestUser } from '../support/users';

/*
 * The PostgreSQL server restarted in the middle of a write load. Restarting the shared test server would break
 * every other test using it, so this starts its own throwaway cluster (initdb + pg_ctl, in a temporary
 * directory, on a free port), points the app's client at it, and crashes and restarts THAT one. Only in the
 * postgres project; skipped with a message when the server binaries are not installed.
 */

vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));
process.env.API_WRITE_LIMIT = '100000';

const binDir = (() => {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
})();
const onServerProject = !!process.env.DATABASE_URL;
if (onServerProject && !binDir) console.warn('[faults] SKIPPED: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql).');

// initdb refuses to run as root: run the cluster as the postgres user when we are root.
const asRoot = process.getuid?.() === 0;
function pg(tool: string, args: string[]) {
  const cmd = path.join(binDir!, tool);
  return asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe', timeout: 120_000 }).toString()
    : execFileSync(cmd, args, { stdio: 'pipe', timeout: 120_000 }).toString();
}

let dir: string;
let port: number;
let token: string;
const pgctl = (...args: string[]) => pg('pg_ctl', ['-D', path.join(dir, 'data'), '-w', '-t', '60', ...args]);
const startServer = () => pgctl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', path.join(dir, 'log'), 'start');

describe.skipIf(!onServerProject || !binDir)('faults: the PostgreSQL server crashes and restarts under a write load', () => {
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-faults-'));
    fs.chmodSync(dir, 0o777);
    if (asRoot) execFileSync('chown', ['postgres', dir]);
    port = await freePort();
    pg('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    startServer();
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    process.env.DATABASE_CONNECT_TIMEOUT_S = '3';
    // runMigrations runs once per process, and it already ran on the shared test database.
    (globalThis as Record<symbol, unknown>)[Symbol.for('rapport.migrated')] = undefined;
    await runMigrations();
    token = (await createApiToken((await createTestUser()).id, 'faults')).token;
  }, 240_000);

  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = savedUrl;
    try {
      pgctl('-m', 'immediate', 'stop');
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('fails fast with a retryable 503 while down, recovers without restarting the app, and loses or doubles nothing', async () => {
    const { POST } = (await import('@/app/api/v1/events/route')) as unknown as Record<string, Handler>;
    type Outcome = { key: string; status: number; ms: number; retryAfter: string | null; type: string | null; id?: string };
    const outcomes: Outcome[] = [];
    const send = async (key: string): Promise<Outcome> => {
      const t0 = Date.now();
      const res = await callRoute(POST!, 'POST', '/api/v1/events', {
        token,
        headers: { 'idempotency-key': key },
        body: {
          title: `Load ${key}`,
          startsAt: '2026-05-12T18:00:00Z',
          people: [{ name: `Guest ${key}`, organisation: 'Fault Org' }],
          followUps: [{ action: `Follow ${key}` }],
        },
      });
      const body = await res.json().catch(() => ({}));
      const outcome = {
        key,
        status: res.status,
        ms: Date.now() - t0,
        retryAfter: res.headers.get('retry-after'),
        type: res.headers.get('content-type'),
        id: body.id,
      };
      outcomes.push(outcome);
      return outcome;
    };

    // Four clients write continuously; the server is crashed (immediate: no shutdown checkpoint, like a power
    // cut) once some writes are in, kept down a moment, and started again.
    let running = true;
    let n = 0;
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        await send(`k-${n++}-${crypto.randomUUID()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    while (outcomes.filter((o) => o.status === 201).length < 20) await new Promise((r) => setTimeout(r, 50));
    pgctl('-m', 'immediate', 'stop');
    const downAt = outcomes.length;
    while (outcomes.length < downAt + 12) await new Promise((r) => setTimeout(r, 50));
    startServer();
    const upAt = outcomes.length;
    // Without touching the app's client: the pool reconnects by itself.
    const deadline = Date.now() + 60_000;
    while (outcomes.slice(upAt).filter((o) => o.status === 201).length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    running = false;
    await Promise.all(clients);

    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    const refused = outcomes.filter((o) => o.status !== 201);
    console.log(
      `[faults] ${outcomes.length} writes: ${outcomes.length - refused.length} acknowledged, ${refused.length} refused with ${statuses.join('/')}; slowest refusal ${Math.max(0, ...refused.map((o) => o.ms))} ms`,
    );
    // Every answer is a success or a clear, retryable refusal: never a 500.
    expect(
      statuses.every((s) => s === 201 || s === 503),
      `statuses ${statuses}`,
    ).toBe(true);
    expect(refused.length, 'the crash was really felt by requests').toBeGreaterThan(0);
    for (const o of refused) {
      expect(o.type).toContain('application/problem+json');
      expect(o.retryAfter).toMatch(/^\d+$/);
      // Fast: the connect timeout (3 s here), not the statement timeout or a hang.
      expect(o.ms, `a refusal took ${o.ms} ms`).toBeLessThan(10_000);
    }
    // Writes succeed again without restarting the app. A pooled connection that died with the server can still fail
    // its first query after the restart (postgres.js 3.4.9): that answer is a retryable 503, never a 500 (above).
    expect(outcomes.slice(upAt).filter((o) => o.status === 201).length, 'writes succeed again after the restart').toBeGreaterThanOrEqual(20);

    // The client retries every refused write with its key: each lands once.
    for (const o of refused) {
      const retry = await send(o.key);
      expect(retry.status).toBe(201);
    }
    const keys = new Set(outcomes.map((o) => o.key));
    const acknowledged = new Map(outcomes.filter((o) => o.status === 201).map((o) => [o.key, o.id]));
    expect(acknowledged.size).toBe(keys.size);

    const stored = await rows<{ title: string; id: string; encounters: number; follow_ups: number }>(
      db,
      sql`select e.id, e.title,
            (select count(*)::int from encounters x where x.event_id = e.id) as encounters,
            (select count(*)::int from follow_ups f where f.event_id = e.id) as follow_ups
          from events e where e.title like 'Load %'`,
    );
    // Every acknowledged write is there, once, whole (its person and follow-up with it); nothing else is.
    expect(stored.length).toBe(keys.size);
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(acknowledged.values()));
    for (const s of stored) expect([s.encounters, s.follow_ups], s.title).toEqual([1, 1]);
    const orphans = await rows<{ n: number }>(db, sql`select count(*)::int as n from encounters x left join events e on e.id = x.event_id where e.id is null`);
    expect(orphans[0]!.n).toBe(0);
    console.log(`[faults] after the crash: ${stored.length} events stored for ${keys.size} distinct writes; rows lost: ${keys.size - stored.length}`);
  }, 240_000);

  it('the health check says 503 while the server is down and 200 once it is back', async () => {
    const { checkDatabase } = await import('@/lib/health');
    const GET = async () => ({ status: (await checkDatabase()) ? 200 : 503 });
    pgctl('-m', 'fast', 'stop');
    expect((await GET()).status).toBe(503);
    startServer();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await GET()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  }, 120_000);
});
