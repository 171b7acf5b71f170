import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app-process';
import { AuthPages, launchBrowser } from '../support/browser';

/*
 * The app on its embedded database (PGlite) killed with SIGKILL in the middle of a write load: started again on
 * the same data directory, it opens it (the directory is intact and the dead process's lock is taken over),
 * every write it acknowledged is there, whole, and a retry of each unacknowledged one with its key lands once.
 */

const ENV = {
  DATABASE_URL: '',
  AUTH_SECRET: 'kill-secret-kill-secret-kill-secret-kill',
  AUTH_TRUST_HOST: 'true',
  SIGN_IN_IP_LIMIT: '100000',
  API_WRITE_LIMIT: '100000',
};

let browser: Browser;
let context: BrowserContext;
let dir: string;
let app: RunningApp | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-kill-'));
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('faults: the app on PGlite killed with SIGKILL during writes', () => {
  it('restarts on the same data directory with every acknowledged write present, whole, and nothing doubled', async () => {
    const env = { ...ENV, PGLITE_DATA_DIR: path.join(dir, 'pglite') };
    app = await startApp(env);
    context = await browser.newContext({ baseURL: app.baseURL });
    await new AuthPages(await context.newPage()).signUp('Kill Test');

    type Outcome = { key: string; status: number; id?: string };
    const outcomes: Outcome[] = [];
    const write = async (base: string, key: string) => {
      const res = await context.request
        .post(`${base}/api/v1/events`, {
          headers: { Origin: base, 'Idempotency-Key': key },
          data: { title: `Kill ${key}`, startsAt: '2026-05-12T18:00:00Z', people: [{ name: `Guest ${key}` }], followUps: [{ action: `Follow ${key}` }] },
          timeout: 10_000,
        })
        .catch(() => null);
      const outcome: Outcome = { key, status: res?.status() ?? 0, id: res && res.status() === 201 ? (await res.json()).id : undefined };
      outcomes.push(outcome);
      return outcome;
    };

    const base1 = app.baseURL;
    let running = true;
    let n = 0;
    const clients = Array.from({ length: 3 }, async () => {
      while (running) await write(base1, `kill-${n++}-${crypto.randomUUID()}`);
    });
    while (outcomes.filter((o) => o.status === 201).length < 15) await new Promise((r) => setTimeout(r, 20));
    await app.kill();
    running = false;
    await Promise.all(clients);
    const acknowledged = outcomes.filter((o) => o.status === 201);
    const lost = outcomes.filter((o) => o.status !== 201);

    // Same directory, new process: PGlite recovers from its write-ahead log.
    app = await startApp(env);
    const base2 = app.baseURL;
    for (const o of acknowledged) {
      const res = await context.request.get(`${base2}/api/v1/events/${o.id}`);
      expect(res.status(), `acknowledged ${o.key}`).toBe(200);
      const event = await res.json();
      expect([event.people.length, event.followUps.length], o.key).toEqual([1, 1]);
    }
    // The client retries what it never heard back about: each lands once (or replays the first).
    for (const o of lost) expect((await write(base2, o.key)).status).toBe(201);
    const keys = new Set(outcomes.map((o) => o.key));
    const all = await (await context.request.get(`${base2}/api/v1/events?limit=100`)).json();
    const mine = all.items.filter((e: { title: string }) => e.title.startsWith('Kill '));
    expect(mine.length).toBe(keys.size);
    expect(new Set(mine.map((e: { title: string }) => e.title)).size).toBe(keys.size);
    // And the directory takes new writes.
    expect((await write(base2, `after-${crypto.randomUUID()}`)).status).toBe(201);
    console.log(
      `[faults] PGlite SIGKILL: ${outcomes.length} writes, ${acknowledged.length} acknowledged before the kill, all present; ${lost.length} cut off, retried once each; rows lost: 0`,
    );
    await context.close();
  }, 240_000);
});
