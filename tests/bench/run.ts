/**
 * `npm run bench`: seeds 10,000 and 100,000 people for one user on the PostgreSQL server (with `npm run seed`),
 * then REPORTS (never asserts) how fast people search answers inside the server, whether its plans scan the
 * people table sequentially, how long the People page takes to render over HTTP, and how long importing 10,000
 * vCards and streaming each export take (tests/bench/import.ts).
 *
 * Environment: BENCH_ADMIN_URL (a superuser connection, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DB (database to drop and recreate, default rapport_bench), BENCH_SIZES (default 10000,100000),
 * BENCH_RUNS (timed runs per search, default 40), BENCH_PAGE_RUNS (timed requests per page, default 100), BENCH_DIST_DIR (a built app to time the page with; default
 * .next; skipped when there is no build).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { startApp } from '../support/app-process';
import { chromiumPath, launchBrowser } from '../support/chromium';

const root = path.resolve(__dirname, '../..');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.BENCH_DB ?? 'rapport_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error('BENCH_DB must be a plain lower-case identifier');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const distDir = process.env.BENCH_DIST_DIR ?? '.next';
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password 1234';
/** Requests per page before timing starts, and timed requests per page. */
const PAGE_WARMUP = 20;
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 100);
/** The lightest signed-in page: the app shell (session, layout, due count) around a 404. The floor for any page. */
const NOT_FOUND_IN_SHELL = '/people/00000000-0000-4000-8000-000000000000';

function dbUrl(): string {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

function tsx(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function recreate() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Starts the built app on the bench database, signs in, and times full responses of the People page. */
async function timePage(): Promise<Record<string, { p50: number; p95: number; p99: number }> | string> {
  if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) return `skipped: no build in ${distDir} (next build, or set BENCH_DIST_DIR)`;
  if (!fs.existsSync(chromiumPath)) return `skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium)`;
  const app = await startApp({ NEXT_DIST_DIR: distDir, DATABASE_URL: dbUrl(), AUTH_SECRET: 'bench-secret-bench-secret-bench-secret' });
  const base = app.baseURL;
  try {
    const browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const out: Record<string, { p50: number; p95: number; p99: number }> = {};
    // The first requests of a fresh server compile and warm up (JIT, connection pool, Postgres caches): they are
    // timed apart from the steady state, which is what a user sees after the server's first minute.
    // The person page of whoever was met most recently (their timeline, facts, follow-ups, likely duplicates).
    const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
    const [recent] = await admin<{ id: string }[]>`select id from people where deleted_at is null order by last_met_at desc nulls last limit 1`;
    await admin.end();
    const urls = ['/people', '/people?q=head+of+it&sector=Government', '/people?sector=Media&sector=Technology', `/people/${recent!.id}`, NOT_FOUND_IN_SHELL];
    for (const url of urls) {
      const times: number[] = [];
      for (let i = 0; i < PAGE_WARMUP + PAGE_RUNS; i++) {
        const started = performance.now();
        const res = await context.request.get(url);
        await res.body();
        if (i >= PAGE_WARMUP) times.push(performance.now() - started);
        if (res.status() !== (url === NOT_FOUND_IN_SHELL ? 404 : 200)) throw new Error(`${url} answered ${res.status()}`);
      }
      out[url] = { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), p99: +percentile(times, 99).toFixed(1) };
    }
    await browser.close();
    return out;
  } finally {
    await app.stop();
  }
}

async function main() {
  const started = Date.now();
  const report: unknown[] = [];
  for (const n of sizes) {
    console.log(`\n== ${n.toLocaleString('en-GB')} people ==`);
    await recreate();
    const env = { DATABASE_URL: dbUrl() };
    tsx(['db/migrate-cli.ts'], env);
    const seedStart = Date.now();
    tsx(['db/seed.ts', '--people', String(n), '--email', EMAIL, '--password', PASSWORD], env);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    console.log(`seeded in ${seedSeconds.toFixed(1)} s`);
    const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe('vacuum analyze');
    // Measure the steady state, not the bulk load's dirty pages being written out under the searches.
    await admin.unsafe('checkpoint');
    await admin.end();
    const measured = JSON.parse(tsx(['tests/bench/measure.ts'], { ...env, BENCH_EMAIL: EMAIL }).trim().split('\n').pop()!);
    console.log(
      `search (text + sector), inside the server: list p50 ${measured.listMs.p50} ms, p95 ${measured.listMs.p95} ms; ` +
        `facet counts p95 ${measured.facetsMs.p95} ms; all statements of one search p95 ${measured.serverMs.p95} ms`,
    );
    console.log(`  from the caller (lib call, facets and list side by side): p50 ${measured.callerMs.p50} ms, p95 ${measured.callerMs.p95} ms`);
    console.log(`  no query (page as first opened): list ${measured.noQueryListMs} ms, with facets ${measured.noQueryServerMs} ms`);
    console.log(`  sequential scan of people in a search's list query: ${measured.listSeqScansOfPeople ? 'YES' : 'no'}; anywhere (facets included): ${measured.peopleSeqScanAnywhere ? 'yes' : 'no'}`);
    for (const c of measured.perCase) console.log(`    ${c.case}: list ${c.listP95} / facets ${c.facetsP95} / total ${c.totalP95} ms p95, ${c.matches} matches`);
    const imported = JSON.parse(tsx(['tests/bench/import.ts'], { ...env, BENCH_EMAIL: EMAIL }).trim().split('\n').pop()!);
    console.log(
      `  import of ${imported.cards.toLocaleString('en-GB')} vCards (${imported.fileMb} MB) into a new account: preview ${imported.previewMs} ms, ` +
        `write ${imported.importMs} ms in ${imported.batches.length - 1} batches (progress at ${imported.batches.map((b: { atMs: number }) => b.atMs).join(', ')} ms), ` +
        `the same file again ${imported.reimportMs} ms (created ${imported.reimport.created})`,
    );
    for (const [label, stats] of [['imported account', imported.exportImported], [`${n.toLocaleString('en-GB')} seeded people`, imported.exportSeeded]] as const) {
      if (typeof stats === 'string') continue;
      for (const [format, t] of Object.entries(stats as Record<string, { ms: number; bytes: number; peakHeapMb: number }>)) {
        console.log(`  export ${format} of the ${label}: ${t.ms} ms, ${(t.bytes / 1024 / 1024).toFixed(1)} MB, largest heap while streaming ${t.peakHeapMb} MB`);
      }
    }
    const pageTimes = await timePage();
    console.log('  People page over HTTP (full response):', typeof pageTimes === 'string' ? pageTimes : '');
    if (typeof pageTimes !== 'string') {
      for (const [url, t] of Object.entries(pageTimes)) {
        const label =
          url === NOT_FOUND_IN_SHELL ? `${url} (404 in the app shell, for scale)` : url.startsWith('/people/') ? `${url} (the person met last)` : url;
        console.log(`    ${label}: p50 ${t.p50} ms, p95 ${t.p95} ms, p99 ${t.p99} ms`);
      }
    }
    report.push({ people: n, seedSeconds, ...measured, import: imported, page: pageTimes });
  }
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.mkdirSync(path.join(root, '.data'), { recursive: true });
  fs.writeFileSync(path.join(root, '.data', 'bench-people.json'), JSON.stringify(report, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
