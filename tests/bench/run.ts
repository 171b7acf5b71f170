/**
 * `npm run bench`: one run that REPORTS (never asserts on a timing) how fast Rapport is at 10,000 and 100,000 people
 * for one user, among BENCH_OTHERS other users (default 200, 50 people each) so that isolation costs are real:
 *  - in-server p50/p95/p99 of the hot paths (the lib calls the pages make; tests/bench/hot.ts), and at the largest
 *    size EXPLAIN (ANALYZE, BUFFERS) of every statement they send, saved under bench/plans/;
 *  - the people-search cases and their plans (tests/bench/measure.ts), import and export (tests/bench/import.ts,
 *    skipped with BENCH_SKIP_IMPORT=1);
 *  - HTTP at c=1 and c=10 for the pages and the three floors (/api/health, /sign-in, a signed-in 404 in the app
 *    shell), each page's ratio to its floor, against one `next start` process and against `npm start`
 *    (scripts/start.mjs, one process per core) side by side. The c=1 p50s are taken in interleaved rounds (every
 *    page and floor 10 requests in turn), so a ratio compares the same minutes; measured one page after another, a
 *    floor taken while the machine was slow had made pages look 1.5× cheaper than they are;
 *  - first-load JavaScript per route (gzip) from the build.
 * Writes bench/results/latest.json and latest.md and prints the table.
 *
 * Environment: BENCH_ADMIN_URL (a superuser connection, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DB (database to drop and recreate, default rapport_bench), BENCH_SIZES (default 10000,100000),
 * BENCH_RUNS (timed runs per hot path, default 40), BENCH_HTTP_REQUESTS (timed requests per page and concurrency,
 * default 200), BENCH_OTHERS, BENCH_DIST_DIR (the build; default .next), BENCH_PORT (first port, default 3105).
 * Switches for iterating on one size: BENCH_REUSE=1 keeps the database as it is (no recreate, no other users, no
 * seed: run once without it, with BENCH_SIZES set to the one size, then reuse; pending migrations are applied),
 * BENCH_HTTP=0 skips the HTTP part (in-server hot paths and plans only).
 * Seeding runs with no statement timeout (DATABASE_STATEMENT_TIMEOUT_MS=0): at 100,000 people one bulk insert of
 * follow-ups refreshes thousands of people's keep-in-touch dates in its statement trigger, past the app's 15 s.
 */
import { execFileSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { firstLoadJs } from './bundles';
import { drive, interleave, type HttpStats } from './http';

const root = path.resolve(__dirname, '../..');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.BENCH_DB ?? 'rapport_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error('BENCH_DB must be a plain lower-case identifier');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const distDir = process.env.BENCH_DIST_DIR ?? '.next';
const HTTP_REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 200);
const firstPort = Number(process.env.BENCH_PORT ?? 3105);
const REUSE = process.env.BENCH_REUSE === '1';
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password 1234';
const AUTH_SECRET = 'bench-secret-bench-secret-bench-secret';
/**
 * The lightest signed-in page: the app shell (session, layout, due count) around a 404, for an address with no page
 * (app/(app)/[...missing]). The floor for any page. Until 2026-12-05 the floor was a missing person's page, which
 * also runs the person page's six list reads side by side before answering 404: a floor ~6 ms too high.
 */
const NOT_FOUND_IN_SHELL = '/no-such-page';
/** A missing person's page: the person page's reads, then a 404. */
const MISSING_PERSON = '/people/00000000-0000-4000-8000-000000000000';

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
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!);

async function recreate() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
}

/**
 * One upcoming evening (a week from now) in the series of the bench user's latest event, unless there is one: its
 * brief draws on every earlier evening of the series. Hot paths and HTTP read the brief of this evening.
 */
async function addUpcomingSeriesEvening() {
  const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
  await admin`insert into events (user_id, title, starts_at, ends_at, venue, host, series)
    select e.user_id, e.series || ' (next)', now() + interval '7 days', now() + interval '7 days 3 hours', e.venue, e.host, e.series
      from events e join users u on u.id = e.user_id
     where lower(u.email) = ${EMAIL} and e.deleted_at is null and e.series is not null
       and not exists (select 1 from events f where f.user_id = e.user_id and f.deleted_at is null and f.starts_at > now())
     order by e.starts_at desc limit 1`;
  await admin.end();
}

async function settle() {
  const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe('vacuum analyze');
  // Measure the steady state, not the bulk load's dirty pages being written out under the requests.
  await admin.unsafe('checkpoint');
  await admin.end();
}

/** Starts a server (`next start`, one process; or `npm start`'s launcher) and waits for /api/health. */
async function serve(kind: 'next start' | 'npm start', port: number): Promise<{ base: string; stop: () => Promise<void> }> {
  const args = kind === 'next start' ? ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'] : ['scripts/start.mjs'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      DATABASE_URL: dbUrl(),
      AUTH_SECRET,
      AUTH_TRUST_HOST: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      API_WRITE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 6000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${kind} exited early`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${kind} did not become healthy`);
}

interface PageRow {
  url: string;
  label: string;
  floor: string;
  /** c=1, measured side by side with every other page (interleave): the p50 and its ratio to the floor. */
  c1: HttpStats;
  /** c=1 right before c=10 on the same page: the throughput c=10 is compared with. */
  c1Adjacent: HttpStats;
  c10: HttpStats;
}

async function timePages(base: string, cookie: string, recentId: string, upcomingId: string): Promise<PageRow[]> {
  const pages: { url: string; label: string; signedIn: boolean; floor: string }[] = [
    { url: '/api/health', label: 'floor: /api/health (one database ping)', signedIn: false, floor: '/api/health' },
    { url: '/sign-in', label: 'floor: /sign-in (public page)', signedIn: false, floor: '/api/health' },
    { url: NOT_FOUND_IN_SHELL, label: 'floor: signed-in 404 in the app shell', signedIn: true, floor: '/sign-in' },
    { url: MISSING_PERSON, label: '/people/[id] of a missing id (404)', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/', label: '/ (dashboard)', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/people', label: '/people', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/people?q=head+of+it&sector=Government', label: '/people?q=head of it&sector=Government', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: `/people/${recentId}`, label: '/people/[id] (met last)', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/follow-ups', label: '/follow-ups', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/facts?q=budgets', label: '/facts?q=budgets', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: `/events/${upcomingId}/brief`, label: '/events/[id]/brief (upcoming, in a series)', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/review', label: '/review (last week)', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/settings', label: '/settings', signedIn: true, floor: NOT_FOUND_IN_SHELL },
    { url: '/api/v1/people?q=head+of+it', label: '/api/v1/people?q=head of it', signedIn: true, floor: '/api/health' },
  ];
  const reqs = pages.map((p) => ({ path: p.url, headers: p.signedIn ? { cookie } : ({} as Record<string, string>) }));
  // c=1: every page and its floor side by side, in rounds of 10, so their ratio is taken over the same minutes.
  const c1 = await interleave(base, reqs, { rounds: Math.max(1, Math.round(HTTP_REQUESTS / 10)), perRound: 10, warmup: 20 });
  const out: PageRow[] = [];
  for (const [i, p] of pages.entries()) {
    const c1Adjacent = await drive(base, reqs[i]!, { concurrency: 1, requests: Math.ceil(HTTP_REQUESTS / 2), warmup: 5 });
    const c10 = await drive(base, reqs[i]!, { concurrency: 10, requests: HTTP_REQUESTS, warmup: 10 });
    out.push({ url: p.url, label: p.label, floor: p.floor, c1: c1[i]!, c1Adjacent, c10 });
  }
  return out;
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a / b) ? (a / b).toFixed(2) : '–';
}

function pagesTable(title: string, rows: PageRow[]): string {
  const by = new Map(rows.map((r) => [r.url, r]));
  let md = `\n#### ${title}\n\n| request | c=1 req/s | c=1 p50 ms | c=1 p99 ms | ratio to floor (p50) | c=10 req/s | c=10 p50 ms | c=10 p99 ms | c=10 / c=1 throughput (c=1 run just before) | c=10 p99 / p50 | statuses | body bytes |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n`;
  for (const r of rows) {
    const floor = by.get(r.floor)!;
    const statuses = Object.entries({ ...r.c1.statuses })
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    md += `| ${r.label} | ${r.c1.rps} | ${r.c1.p50} | ${r.c1.p99} | ${r.url === r.floor ? '–' : `${ratio(r.c1.p50, floor.c1.p50)}× ${floor.url}`} | ${r.c10.rps} | ${r.c10.p50} | ${r.c10.p99} | ${ratio(r.c10.rps, r.c1Adjacent.rps)} | ${ratio(r.c10.p99, r.c10.p50)} | ${statuses} | ${r.c1.bytes} |\n`;
  }
  return md;
}

async function main() {
  const started = Date.now();
  const report: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
  };
  const sizeReports: Record<string, unknown>[] = [];
  let md = `# Rapport bench — ${new Date().toISOString()}\n\nOne run, one machine (${(report.machine as { cpus: number }).cpus} cores, shared). Compare within this run; ratios matter, absolute numbers drift.\n`;

  if (!REUSE) await recreate();
  tsx(['db/migrate-cli.ts'], { DATABASE_URL: dbUrl() });
  if (!REUSE) {
    const othersStart = Date.now();
    const others = lastJson(tsx(['tests/bench/others.ts'], { DATABASE_URL: dbUrl(), DATABASE_STATEMENT_TIMEOUT_MS: '0' }));
    console.log(`seeded ${others.others} other users (${others.each} people each) in ${((Date.now() - othersStart) / 1000).toFixed(0)} s`);
  }

  for (const [index, n] of sizes.entries()) {
    console.log(`\n== ${n.toLocaleString('en-GB')} people ==`);
    const env = { DATABASE_URL: dbUrl() };
    const seedStart = Date.now();
    if (!REUSE) tsx(['db/seed.ts', '--people', String(n), '--email', EMAIL, '--password', PASSWORD, '--reset'], { ...env, DATABASE_STATEMENT_TIMEOUT_MS: '0' });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    console.log(REUSE ? 'reusing the seeded database (BENCH_REUSE=1)' : `seeded in ${seedSeconds.toFixed(1)} s`);
    // The "before you go" brief is read before an evening: one upcoming evening of the series met most recently.
    await addUpcomingSeriesEvening();
    await settle();
    const cookie = tsx(['tests/bench/session.ts'], { ...env, AUTH_SECRET, BENCH_EMAIL: EMAIL })
      .trim()
      .split('\n')
      .pop()!;
    const largest = index === sizes.length - 1;
    const hot = lastJson(
      tsx(['tests/bench/hot.ts'], { ...env, RAPPORT_SQL_TAP: '1', BENCH_EMAIL: EMAIL, ...(largest ? { BENCH_PLANS: path.join(root, 'bench/plans') } : {}) }),
    );
    console.log('hot paths inside the server (ms):');
    for (const [name, t] of Object.entries(hot as Record<string, { p50: number; p95: number; p99: number; seqScans: string[] }>)) {
      console.log(`  ${name}: p50 ${t.p50}, p95 ${t.p95}, p99 ${t.p99}${t.seqScans.length ? `; seq scan of ${t.seqScans.join(', ')}` : ''}`);
    }
    const search = lastJson(tsx(['tests/bench/measure.ts'], { ...env, BENCH_EMAIL: EMAIL }));
    const imported =
      process.env.BENCH_SKIP_IMPORT === '1' ? 'skipped (BENCH_SKIP_IMPORT=1)' : lastJson(tsx(['tests/bench/import.ts'], { ...env, BENCH_EMAIL: EMAIL }));

    const admin = postgres(dbUrl(), { max: 1, onnotice: () => {} });
    const [recent] = await admin<{ id: string }[]>`select p.id from people p join users u on u.id = p.user_id
      where lower(u.email) = ${EMAIL} and p.deleted_at is null order by p.last_met_at desc nulls last limit 1`;
    const [upcoming] = await admin<{ id: string }[]>`select e.id from events e join users u on u.id = e.user_id
      where lower(u.email) = ${EMAIL} and e.deleted_at is null and e.series is not null order by e.starts_at desc limit 1`;
    await admin.end();

    const http: Record<string, PageRow[] | string> = {};
    if (process.env.BENCH_HTTP === '0') {
      http.skipped = 'skipped (BENCH_HTTP=0)';
    } else if (!fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
      http.skipped = `no build in ${distDir} (next build, or set BENCH_DIST_DIR)`;
    } else {
      for (const [i, kind] of (['next start', 'npm start'] as const).entries()) {
        const server = await serve(kind, firstPort + i);
        try {
          http[kind] = await timePages(server.base, cookie, recent!.id, upcoming!.id);
        } finally {
          await server.stop();
        }
      }
    }
    md += `\n## ${n.toLocaleString('en-GB')} people (seeded in ${seedSeconds.toFixed(0)} s)\n\n### Hot paths inside the server (ms, ${process.env.BENCH_RUNS ?? 40} runs each)\n\n| path | p50 | p95 | p99 | statements | sequential scans of user-owned tables |\n|---|---|---|---|---|---|\n`;
    for (const [name, t] of Object.entries(hot as Record<string, { p50: number; p95: number; p99: number; statements: number; seqScans: string[] }>)) {
      md += `| ${name} | ${t.p50} | ${t.p95} | ${t.p99} | ${t.statements} | ${t.seqScans.join(', ') || 'none'} |\n`;
    }
    md += `\nPeople search cases (EXPLAIN ANALYZE execution time): list p95 ${search.listMs.p95} ms, facets p95 ${search.facetsMs.p95} ms, all statements p95 ${search.serverMs.p95} ms; sequential scan of people in a list query: ${search.listSeqScansOfPeople ? 'YES' : 'no'}.\n`;
    md += `\n### HTTP (${HTTP_REQUESTS} timed requests per row and concurrency)\n`;
    for (const [kind, rows] of Object.entries(http)) {
      md +=
        typeof rows === 'string'
          ? `\n${rows}\n`
          : pagesTable(kind === 'next start' ? 'one `next start` process (before)' : '`npm start`: scripts/start.mjs, one process per core (after)', rows);
    }
    sizeReports.push({ people: n, seedSeconds, hot, search, import: imported, http });
  }

  const js = firstLoadJs(root, distDir);
  md += '\n## First-load JavaScript per route (gzip, from the build)\n\n';
  if (typeof js === 'string') md += `${js}\n`;
  else {
    md += '| route | KiB gzip | budget |\n|---|---|---|\n';
    for (const r of js) {
      const budget = r.route.startsWith('/u/') || r.route === '/sign-in' || r.route === '/sign-up' || r.route === '/_not-found' ? 140 : 160;
      md += `| ${r.route} | ${r.gzipKiB} | ${r.gzipKiB <= budget ? `≤ ${budget}` : `OVER ${budget}`} |\n`;
    }
  }
  if (sizes.length > 1) {
    md += `\n## Growth ${sizes[0]!.toLocaleString('en-GB')} → ${sizes.at(-1)!.toLocaleString('en-GB')} people (c=1 p50, \`npm start\`)\n\n| request | ratio |\n|---|---|\n`;
    const a = sizeReports[0]!.http as Record<string, PageRow[]>;
    const b = sizeReports.at(-1)!.http as Record<string, PageRow[]>;
    if (Array.isArray(a['npm start']) && Array.isArray(b['npm start'])) {
      for (const row of a['npm start']) {
        const other = b['npm start'].find((r) => r.label === row.label);
        if (other) md += `| ${row.label} | ${ratio(other.c1.p50, row.c1.p50)}× |\n`;
      }
    }
  }
  report.sizes = sizeReports;
  report.firstLoadJs = js;
  report.seconds = Math.round((Date.now() - started) / 1000);
  md += `\nbench finished in ${report.seconds} s\n`;
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(report, null, 2));
  fs.writeFileSync(path.join(root, 'bench/results/latest.md'), md);
  console.log(md);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
