import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** Runs `npm run db:migrate` in its own process against a data directory, as a second opener would. */
async function migrate(dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/.bin/tsx', 'db/migrate-cli.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: dataDir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

// Only meaningful for the embedded database; one run is enough.
describe.runIf(!process.env.DATABASE_URL)('one process per embedded database directory', () => {
  it('a second process gets a clear error instead of silently losing writes; a stale lock is taken over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-lock-'));
    try {
      // This test's own process is alive: a lock naming it belongs to "another process" for the child.
      fs.writeFileSync(path.join(dir, 'rapport.lock'), String(process.pid));
      const refused = await migrate(dir);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('is already open in another process');
      expect(refused.output).toContain(`pid ${process.pid}`);

      // A lock left by a process that has ended does not block anyone.
      fs.writeFileSync(path.join(dir, 'rapport.lock'), '2147483646');
      const ok = await migrate(dir);
      expect(ok.output).toContain('Migrations applied');
      expect(ok.code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'rapport.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
