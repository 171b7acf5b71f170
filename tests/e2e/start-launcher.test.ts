import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/app-process';

/*
 * `npm start` (scripts/start.mjs): one server process per core on a PostgreSQL server, exactly one on the embedded
 * database (PGlite refuses a second opener), and past its in-flight limit each process answers 503 with Retry-After
 * at once instead of queueing, and serves again as soon as the load drops.
 */

const root = path.resolve(__dirname, '../..');
const url = process.env.TEST_DATABASE_URL;
let child: ChildProcess | undefined;
let output = '';

async function launch(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  output = '';
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, AUTH_SECRET: 'launcher-secret-launcher-secret-launcher', AUTH_TRUST_HOST: 'true', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start.mjs exited early:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`start.mjs did not become healthy:\n${output}`);
}

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  child = undefined;
});

describe('npm start (scripts/start.mjs)', () => {
  it('on the embedded database runs one server process and says why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-launcher-'));
    const base = await launch({ DATABASE_URL: '', PGLITE_DATA_DIR: path.join(dir, 'pglite'), WEB_CONCURRENCY: '4' });
    expect(output).toMatch(/embedded database \(PGlite\): one server process/);
    expect((await fetch(`${base}/sign-in`)).status).toBe(200);
  }, 120_000);

  it.skipIf(!url)(
    'on a PostgreSQL server runs a process per core, and past the in-flight limit sheds with 503 + Retry-After, then recovers',
    async () => {
      const base = await launch({ DATABASE_URL: url!, WEB_CONCURRENCY: '2', RAPPORT_MAX_INFLIGHT: '1' });
      expect(output).toMatch(/PostgreSQL server: 2 server processes/);
      // Forty pages at once against two processes that each take one at a time: some must be turned away.
      const burst = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const res = await fetch(`${base}/sign-in`);
          return { status: res.status, headers: res.headers, body: await res.text() };
        }),
      );
      const shed = burst.filter((r) => r.status === 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(burst.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      expect(shed[0]!.headers.get('retry-after')).toBe('1');
      expect(shed[0]!.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(shed[0]!.body)).toMatchObject({ status: 503, title: 'Busy' });
      // The load gone, it is served again at once: the first request that finds a process free (a process counts a
      // request out on the response's 'finish', which can run just after the client has read the body) within a
      // second, then one request at a time, each served.
      await expect.poll(async () => (await fetch(`${base}/sign-in`)).status, { timeout: 1_000, interval: 50 }).toBe(200);
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await fetch(`${base}/sign-in`)).status).toBe(200);
      }
    },
    120_000,
  );
});
