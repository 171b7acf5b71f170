import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const serverUrl = process.env.TEST_DATABASE_URL;

if (!hasChromium) {
  console.warn(`\n[tests] Browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium).\n`);
}
if (!serverUrl) {
  console.warn('[tests] PostgreSQL server tests skipped: TEST_DATABASE_URL is not set (PGlite runs always).\n');
}

const alias = {
  '@': path.resolve(import.meta.dirname),
  // `server-only` refuses to load outside React Server Components; tests call lib code directly.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/empty.ts'),
};

/**
 * Test files that replace modules or change process-wide settings (`vi.mock`, `vi.stubEnv`, an environment variable
 * set by hand, ...) run with a module graph of their own per file. Every other unit and database file shares one
 * module graph per worker (`isolate: false`): the app's modules are imported once per worker instead of once per
 * file, and the database files took 16% less CPU (docs/performance.md 5u). Each file still opens its own database
 * (tests/setup/db.ts). A file that must not share for another reason can say `// vitest: isolate`.
 */
const MOCKS = new RegExp(
  [
    /\bvi\.(?:mock|doMock|unmock|stubEnv|stubGlobal|resetModules|spyOn|useFakeTimers)\(/.source,
    // process.env.X = …, ??=, ||=, &&=, process.env['X'] = …, delete process.env.X, Object.assign(process.env, …)
    /process\.env(?:\.\w+|\[[^\]]+\])\s*(?:\?\?|\|\||&&)?=(?!=)|delete\s+process\.env|Object\.assign\(\s*process\.env/.source,
    /\/\/ vitest: isolate/.source,
  ].join('|'),
);

/** One driver's files as two projects: `<name>`, whose files share module graphs, and `<name>-isolated`. */
function databaseProjects(name: string, test: { include: string[]; setupFiles: string[]; globalSetup: string[]; env: Record<string, string> }) {
  const files = test.include.flatMap((glob) => {
    const dir = glob.slice(0, glob.indexOf('/**'));
    return fs
      .readdirSync(path.resolve(import.meta.dirname, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
  });
  const isolated = files.filter((f) => MOCKS.test(fs.readFileSync(path.resolve(import.meta.dirname, f), 'utf8')));
  return [
    { extends: true, test: { ...test, name, exclude: isolated, isolate: false } },
    { extends: true, test: { ...test, name: `${name}-isolated`, include: isolated } },
  ];
}

export default defineConfig({
  resolve: { alias },
  test: {
    // postgres.js 3.4.9/3.4.10 can throw from a setImmediate after the server cut a connection (porsager/postgres
    // #1154, #1208); the query itself has already failed with CONNECTION_CLOSED. `next start` logs an uncaught
    // exception and keeps serving (next/dist/server/lib/router-server.js), so the fault tests treat exactly this
    // one as the app server does, and every other unhandled error still fails the run.
    onUnhandledError(error) {
      const where = `${error.stack ?? ''} ${JSON.stringify((error as { stacks?: unknown }).stacks ?? '')}`;
      if (/reading 'write'/.test(error.message ?? '') && /postgres[\\/]src[\\/]connection\.js/.test(where)) return false;
    },
    // next-auth imports 'next/server' without an extension, which Node's own ESM resolver refuses; transformed by
    // Vite it resolves, so tests can call next-auth's route handlers and the auth server actions in-process.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
    // Time limits here only stop a test that hangs: `npm test` runs the database files at low priority beside the
    // browser files (scripts/test.mjs), and a database test that takes 2 s alone took 24 s starved of CPU there.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Two database files at a time at least: Vitest's default (cores - 1) is one on a 2-core machine, and a PostgreSQL
    // file spends much of its time waiting on the server while a PGlite file keeps a core busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // Worker threads, not child processes, for the database files: a thread starts faster than a process and shares
    // its process's compiled WebAssembly (PGlite), and the 200 database files ran in 242 s instead of 312 s on a
    // 2-core machine (docs/performance.md 5r). The browser project keeps processes: it drives Chromium, not code.
    pool: 'threads',
    projects: [
      ...databaseProjects('pglite', {
        include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts'],
        setupFiles: ['tests/setup/db.ts'],
        globalSetup: ['tests/setup/pglite-template.ts'],
        env: { DATABASE_URL: '', PGLITE_DATA_DIR: 'memory://', SIGN_IN_LIMIT: '5' },
      }),
      ...(serverUrl
        ? databaseProjects('postgres', {
            include: ['tests/db/**/*.test.ts'],
            setupFiles: ['tests/setup/db.ts'],
            globalSetup: ['tests/setup/postgres-global.ts'],
            env: { DATABASE_URL: serverUrl, SIGN_IN_LIMIT: '5' },
          })
        : []),
      ...(hasChromium
        ? [
            {
              extends: true,
              test: {
                name: 'browser',
                include: ['tests/e2e/**/*.test.ts'],
                globalSetup: ['tests/setup/app-server.ts'],
                // One file at a time, in a process of its own beside the database files (scripts/test.mjs). Run two
                // at a time on a 2-core machine other jobs were loading (load average 20), six browser tests ran out
                // of time (README, "How the suite runs").
                fileParallelism: false,
                pool: 'forks',
                testTimeout: 60_000,
                // A server action's round trip takes seconds on a loaded machine; 1 s (the default) made waits flaky.
                expect: { poll: { timeout: 10_000 } },
                env: { CHROMIUM_PATH: CHROMIUM },
              },
            },
          ]
        : []),
    ],
  },
});
