/**
 * `npm run bench:load`: a realistic mix against the production server (`npm start`, scripts/start.mjs, on the
 * PostgreSQL server). BENCH_LOAD_USERS (50) people, each in their own account with BENCH_LOAD_PEOPLE (500) people,
 * click for BENCH_LOAD_SECONDS (60) without pause: 80% reads across the pages (dashboard, People, a search, a person,
 * follow-ups, the API search) and 20% writes (logging an evening with an Idempotency-Key, ticking a follow-up,
 * editing a person, each PATCH naming the version it read). Afterwards the database is counted: every acknowledged
 * write is there exactly once, nothing was written twice. Then twice the saturating load arrives open-loop for
 * BENCH_OVERLOAD_SECONDS (15): the server should shed with 503/429 + Retry-After rather than queue into timeouts, and
 * serve normally the moment the load drops. Reports; asserts nothing on timing. Writes bench/results/load.json.
 *
 * Environment: BENCH_ADMIN_URL, BENCH_LOAD_DB (default rapport_load, dropped and recreated), BENCH_DIST_DIR,
 * BENCH_PORT (default 3106), WEB_CONCURRENCY / RAPPORT_MAX_INFLIGHT (passed to the server).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import postgres from 'postgres';
import { percentile, send, type Req } from './http';

const root = path.resolve(__dirname, '../..');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.BENCH_LOAD_DB ?? 'rapport_load';
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error('BENCH_LOAD_DB must be a plain lower-case identifier');
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 50);
const PEOPLE = Number(process.env.BENCH_LOAD_PEOPLE ?? 500);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const OVERLOAD_SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? 15);
const port = Number(process.env.BENCH_PORT ?? 3106);
const base = `http://127.0.0.1:${port}`;
const AUTH_SECRET = 'load-secret-load-secret-load-secret-load';
const CLIENT_TIMEOUT_MS = 30_000;

const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

function tsx(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface VirtualUser {
  email: string;
  cookie: string;
  people: string[];
  followUps: string[];
}

interface Sample {
  kind: string;
  status: number;
  ms: number;
}

async function prepare(): Promise<VirtualUser[]> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  tsx(['db/migrate-cli.ts'], { DATABASE_URL: dbUrl });
  tsx(['tests/bench/others.ts'], { DATABASE_URL: dbUrl, BENCH_OTHERS: String(USERS), BENCH_OTHER_PEOPLE: String(PEOPLE) });
  const db = postgres(dbUrl, { max: 1, onnotice: () => {} });
  await db.unsafe('vacuum analyze');
  const users: VirtualUser[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `other-${i}@example.test`;
    const cookie = tsx(['tests/bench/session.ts'], { DATABASE_URL: dbUrl, AUTH_SECRET, BENCH_EMAIL: email }).trim().split('\n').pop()!;
    const people = await db<
      { id: string }[]
    >`select p.id from people p join users u on u.id = p.user_id where u.email = ${email} and p.deleted_at is null order by p.id limit 50`;
    const followUps = await db<
      { id: string }[]
    >`select f.id from follow_ups f join users u on u.id = f.user_id where u.email = ${email} and f.status = 'open' and f.deleted_at is null`;
    users.push({ email, cookie, people: people.map((p) => p.id), followUps: followUps.map((f) => f.id) });
  }
  await db.end();
  return users;
}

function startServer(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: process.env.BENCH_DIST_DIR ?? '.next',
      DATABASE_URL: dbUrl,
      AUTH_SECRET,
      AUTH_TRUST_HOST: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Fifty people clicking without pause write far faster than any one person: the per-user write limit is
      // not what this measures.
      API_WRITE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 6000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return (async () => {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) return stop;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await stop();
    throw new Error('npm start did not become healthy');
  })();
}

const READS = ['/', '/people', '/people?q=head+of+it&sector=Government', 'person', '/follow-ups', '/api/v1/people?q=digital'];

/** One send that never rejects: a network error or timeout is status 0. */
async function attempt(agent: http.Agent, req: Req): Promise<{ status: number; ms: number; body: string; headers: http.IncomingHttpHeaders }> {
  const started = performance.now();
  try {
    return await Promise.race([send(base, agent, req), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), CLIENT_TIMEOUT_MS))]);
  } catch {
    return { status: 0, ms: performance.now() - started, body: '', headers: {} };
  }
}

async function main() {
  const started = Date.now();
  console.log(`preparing ${USERS} accounts of ${PEOPLE} people…`);
  const users = await prepare();
  const stop = await startServer();
  const samples: Sample[] = [];
  // What the clients were told was saved: checked against the database afterwards.
  const eveningsAcked = new Map<string, number>(); // title -> acknowledgements
  const eveningsTried = new Set<string>();
  const ticksAcked = new Set<string>();
  const rolesAcked = new Map<string, string>(); // person id -> last acknowledged role
  try {
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(
      users.map(async (u, ui) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const headers = { cookie: u.cookie };
        const writeHeaders = { cookie: u.cookie, origin: base, 'content-type': 'application/json' };
        let n = 0;
        while (Date.now() < deadline) {
          n++;
          const roll = Math.random();
          if (roll < 0.8) {
            const pick = READS[Math.floor(Math.random() * READS.length)]!;
            const url = pick === 'person' ? `/people/${u.people[n % u.people.length]}` : pick;
            const res = await attempt(agent, { path: url, headers });
            samples.push({ kind: 'read', status: res.status, ms: res.ms });
          } else if (roll < 0.9) {
            // Log an evening; a lost answer is sent again under the same key, as the offline outbox does.
            const title = `Load evening ${ui}-${n}`;
            const key = randomUUID();
            eveningsTried.add(title);
            const body = JSON.stringify({
              title,
              startsAt: '2026-06-02T18:00:00Z',
              people: Array.from({ length: 2 + (n % 5) }, (_, i) => ({ name: `Guest ${ui}-${n}-${i}`, role: 'Head of data', organisation: `Load Org ${i}` })),
            });
            for (let tries = 0; tries < 3; tries++) {
              const res = await attempt(agent, { method: 'POST', path: '/api/v1/events', headers: { ...writeHeaders, 'idempotency-key': key }, body });
              samples.push({ kind: 'write: log an evening', status: res.status, ms: res.ms });
              if (res.status === 201 || res.status === 200) {
                eveningsAcked.set(title, (eveningsAcked.get(title) ?? 0) + 1);
                break;
              }
              if (res.status !== 0 && res.status !== 503 && res.status !== 429) break;
              await new Promise((r) => setTimeout(r, 1000));
            }
          } else if (roll < 0.95 && u.followUps.length > 0) {
            const id = u.followUps.pop()!;
            const read = await attempt(agent, { path: `/api/v1/follow-ups/${id}`, headers });
            samples.push({ kind: 'read', status: read.status, ms: read.ms });
            if (read.status !== 200) continue;
            const version = (JSON.parse(read.body) as { version: number }).version;
            const res = await attempt(agent, {
              method: 'PATCH',
              path: `/api/v1/follow-ups/${id}`,
              headers: writeHeaders,
              body: JSON.stringify({ status: 'done', version }),
            });
            samples.push({ kind: 'write: tick a follow-up', status: res.status, ms: res.ms });
            if (res.status === 200) ticksAcked.add(id);
          } else {
            const id = u.people[(n * 7) % u.people.length]!;
            const read = await attempt(agent, { path: `/api/v1/people/${id}`, headers });
            samples.push({ kind: 'read', status: read.status, ms: read.ms });
            if (read.status !== 200) continue;
            const version = (JSON.parse(read.body) as { version: number }).version;
            const role = `Load role ${ui}-${n}`;
            const res = await attempt(agent, { method: 'PATCH', path: `/api/v1/people/${id}`, headers: writeHeaders, body: JSON.stringify({ role, version }) });
            samples.push({ kind: 'write: edit a person', status: res.status, ms: res.ms });
            if (res.status === 200) rolesAcked.set(id, role);
          }
        }
        agent.destroy();
      }),
    );
    const steadySeconds = SECONDS;
    const ok = samples.filter((s) => s.status >= 200 && s.status < 400);
    const throughput = ok.length / steadySeconds;

    // The database afterwards: every acknowledged write there once, nothing twice.
    const db = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const evenings = await db<{ title: string; n: number }[]>`select title, count(*)::int as n from events where title like 'Load evening %' group by title`;
    const inDb = new Map(evenings.map((e) => [e.title, e.n]));
    const lostEvenings = [...eveningsAcked.keys()].filter((t) => !inDb.has(t)).length;
    const duplicatedEvenings = evenings.filter((e) => e.n > 1).length;
    const strayEvenings = evenings.filter((e) => !eveningsTried.has(e.title)).length;
    const ticks = ticksAcked.size ? await db<{ id: string; status: string }[]>`select id, status from follow_ups where id in ${db([...ticksAcked])}` : [];
    const lostTicks = ticks.filter((t) => t.status !== 'done').length + (ticksAcked.size - ticks.length);
    const roles = rolesAcked.size ? await db<{ id: string; role: string | null }[]>`select id, role from people where id in ${db([...rolesAcked.keys()])}` : [];
    const lostEdits = roles.filter((r) => rolesAcked.get(r.id) !== r.role).length + (rolesAcked.size - roles.length);
    await db.end();

    // Twice the saturating load, open-loop: requests arrive on a clock whether or not earlier ones have answered.
    const rate = Math.max(1, Math.round(2 * throughput));
    const overload: Sample[] = [];
    const retryAfter = new Set<string>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 400 });
    const inflight: Promise<void>[] = [];
    const overloadEnd = Date.now() + OVERLOAD_SECONDS * 1000;
    let fired = 0;
    const overloadStart = Date.now();
    while (Date.now() < overloadEnd) {
      const due = Math.floor(((Date.now() - overloadStart) / 1000) * rate);
      for (; fired < due; fired++) {
        const u = users[fired % users.length]!;
        const url = READS[fired % READS.length] === 'person' ? `/people/${u.people[0]}` : READS[fired % READS.length]!;
        inflight.push(
          attempt(agent, { path: url, headers: { cookie: u.cookie } }).then((res) => {
            overload.push({ kind: 'overload', status: res.status, ms: res.ms });
            if (res.status === 503 || res.status === 429) retryAfter.add(String(res.headers['retry-after'] ?? 'missing'));
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inflight);
    agent.destroy();
    // The load gone: the next requests, one at a time.
    const after: Sample[] = [];
    const calm = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 20; i++) {
      const res = await attempt(calm, { path: '/people', headers: { cookie: users[0]!.cookie } });
      after.push({ kind: 'after', status: res.status, ms: res.ms });
    }
    calm.destroy();

    const stats = (list: Sample[]) => {
      const ms = list.map((s) => s.ms);
      const statuses: Record<string, number> = {};
      for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      return {
        requests: list.length,
        p50: +percentile(ms, 50).toFixed(1),
        p95: +percentile(ms, 95).toFixed(1),
        p99: +percentile(ms, 99).toFixed(1),
        max: +Math.max(...ms).toFixed(1),
        statuses,
      };
    };
    const kinds = [...new Set(samples.map((s) => s.kind))];
    const accepted = overload.filter((s) => s.status === 200);
    const result = {
      at: new Date().toISOString(),
      users: USERS,
      seconds: SECONDS,
      steady: {
        throughput: +throughput.toFixed(1),
        all: stats(samples),
        byKind: Object.fromEntries(kinds.map((k) => [k, stats(samples.filter((s) => s.kind === k))])),
        serverErrors: samples.filter((s) => s.status >= 500).length,
        clientTimeoutsOrResets: samples.filter((s) => s.status === 0).length,
      },
      writes: {
        eveningsAcknowledged: eveningsAcked.size,
        eveningsInDatabase: evenings.length,
        lostEvenings,
        duplicatedEvenings,
        strayEvenings,
        ticksAcknowledged: ticksAcked.size,
        lostTicks,
        editsAcknowledged: rolesAcked.size,
        lostEdits,
      },
      overload: {
        rate,
        all: stats(overload),
        shed: overload.filter((s) => s.status === 503 || s.status === 429).length,
        acceptedP99: accepted.length
          ? +percentile(
              accepted.map((s) => s.ms),
              99,
            ).toFixed(1)
          : null,
        timeouts: overload.filter((s) => s.status === 0).length,
        retryAfterValues: [...retryAfter],
      },
      afterOverload: stats(after),
      seconds_total: Math.round((Date.now() - started) / 1000),
    };
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/results/load.json'), JSON.stringify(result, null, 2));
    const s = result.steady;
    console.log(
      `\n${USERS} users for ${SECONDS} s, 80/20 read/write: ${s.throughput} req/s answered, p50 ${s.all.p50} ms, p95 ${s.all.p95} ms, p99 ${s.all.p99} ms`,
    );
    console.log(`  statuses ${JSON.stringify(s.all.statuses)}; 5xx: ${s.serverErrors}; timeouts or resets: ${s.clientTimeoutsOrResets}`);
    for (const [k, v] of Object.entries(s.byKind))
      console.log(`  ${k}: ${v.requests} requests, p50 ${v.p50} ms, p95 ${v.p95} ms, p99 ${v.p99} ms, ${JSON.stringify(v.statuses)}`);
    const w = result.writes;
    console.log(
      `  writes: ${w.eveningsAcknowledged} evenings acknowledged, ${w.eveningsInDatabase} in the database, lost ${w.lostEvenings}, duplicated ${w.duplicatedEvenings}, stray ${w.strayEvenings}; ${w.ticksAcknowledged} ticks (lost ${w.lostTicks}); ${w.editsAcknowledged} edits (lost ${w.lostEdits})`,
    );
    const o = result.overload;
    console.log(
      `overload at ${o.rate} req/s (2× the ${s.throughput} req/s answered) for ${OVERLOAD_SECONDS} s: ${JSON.stringify(o.all.statuses)}, shed ${o.shed} with Retry-After ${o.retryAfterValues.join('/') || '–'}, timeouts ${o.timeouts}, answered p99 ${o.acceptedP99} ms`,
    );
    console.log(
      `after the load dropped: ${JSON.stringify(result.afterOverload.statuses)}, p50 ${result.afterOverload.p50} ms, max ${result.afterOverload.max} ms`,
    );
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
