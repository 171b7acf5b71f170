import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { POST as importStreamRoute } from '@/app/api/v1/import/stream/route';
import { createApiToken } from '@/lib/api/tokens';
import { textStream } from '@/lib/export/contacts';
import { startHousekeeping } from '@/lib/housekeeping/schedule';
import { callRoute } from '../support/api';
import { createTestUser } from '../support/users';

/*
 * A failed query's error quotes what it carried: drizzle's message is "Failed query: … params: …" and Postgres's
 * own says 'invalid input syntax for type uuid: "…"'. Where a contact's data is the parameter, printing the error
 * as it is puts that data in the server's log. Every error the server logs goes through lib/log.ts's logError.
 */

// Requests authenticate by bearer token (real); next-auth does not load outside Next.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

const SECRET = 'priya.shah@leeds.example, who is leaving in May';

/** A real query that fails with the secret as its parameter: the error drizzle and the driver give, not a made-up one. */
async function failingQuery(): Promise<never> {
  await db.execute(sql`select ${SECRET}::uuid`);
  throw new Error('the query above should have failed');
}

const importFails = vi.hoisted(() => ({ on: false }));
vi.mock('@/lib/import/run', async (original) => {
  const real = await original<typeof import('@/lib/import/run')>();
  return { ...real, runImport: async (...args: Parameters<typeof real.runImport>) => (importFails.on ? failingQuery() : real.runImport(...args)) };
});
vi.mock('@/lib/housekeeping/run', () => ({ runHousekeeping: failingQuery }));

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    // As a log collector would see it: every argument in full, an Error's message and its own fields included.
    logged.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify({ ...a, cause: String(a.cause) })}` : String(a))).join(' '));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  importFails.on = false;
});

/** The one line logged, as logError writes it. */
function onlyLine(): { level: string; where: string; error: { name: string; message?: string } } {
  expect(logged).toHaveLength(1);
  expect(logged[0]).not.toContain(SECRET);
  expect(logged[0]).not.toContain('priya');
  return JSON.parse(logged[0]!);
}

describe('errors are logged without the data the failed query carried', () => {
  it('the export stream: a failed batch is logged by logError, and the download fails', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield 'First Name,Last Name\r\n';
      await failingQuery();
    }
    const reader = textStream(chunks()).getReader();
    expect((await reader.read()).done).toBe(false);
    await expect(reader.read()).rejects.toThrow();
    expect(onlyLine()).toMatchObject({ level: 'error', where: 'export', error: { name: expect.any(String) } });
  });

  it('the import stream: a failed import is logged by logError, and the page is told nothing was imported', async () => {
    const user = await createTestUser();
    const { token } = await createApiToken(user.id, 'import');
    importFails.on = true;
    const res = await callRoute(importStreamRoute, 'POST', '/api/v1/import/stream', {
      token,
      body: { kind: 'vcard', content: 'BEGIN:VCARD\nVERSION:3.0\nFN:Priya Shah\nEND:VCARD\n' },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ error: { message: 'Something went wrong on our side. Nothing was imported.', errors: [] } });
    expect(onlyLine()).toMatchObject({ level: 'error', where: 'POST /api/v1/import/stream' });
  });

  it('the housekeeping timer: a failed run is logged by logError', async () => {
    // The timer's own callback, run at once: faked timers also stop the database driver's, which stalled the
    // failing query on the PostgreSQL server past the test.
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const interval = vi.spyOn(globalThis, 'setInterval');
    // The timer starts once per process; a fresh start for this test.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('rapport.housekeeping')];
    startHousekeeping();
    const first = timeout.mock.calls.findIndex(([, ms]) => ms === 30_000);
    const run = timeout.mock.calls[first]![0] as () => Promise<void>;
    clearTimeout(timeout.mock.results[first]!.value as NodeJS.Timeout);
    for (const r of interval.mock.results) clearInterval(r.value as NodeJS.Timeout);
    await run();
    expect(onlyLine()).toMatchObject({ level: 'error', where: 'housekeeping' });
  });
});
