/**
 * Run by tests/bench/run.ts in a child process with DATABASE_URL on a seeded bench database (and RAPPORT_SQL_TAP=1).
 * Times the hot paths inside the server — the same lib calls the pages make — and, with BENCH_PLANS set to a folder,
 * writes EXPLAIN (ANALYZE, BUFFERS) of every statement each path sends, run in a transaction that is rolled back
 * (the evening logged: its reads are explained, its inserts listed). Prints one JSON line: per path p50/p95/p99, and any sequential
 * scan of a user-owned table. Standalone: `DATABASE_URL=… BENCH_EMAIL=… RAPPORT_SQL_TAP=1 [BENCH_PLANS=dir]
 * [BENCH_PATHS=brief,facts] npx tsx tests/bench/hot.ts` on a database seeded as run.ts seeds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { closeDb, db } from '@/db/client';
import { rows } from '@/db/rows';
import { FIRST_SHOWN, getBrief, upcomingEvents } from '@/lib/brief/queries';
import { listDueContacts } from '@/lib/keep-in-touch/queries';
import { eventsPerMonth, followUpProgress, latestEvents, peopleBySector } from '@/lib/dashboard/queries';
import { createEvent } from '@/lib/events/write';
import { factFilterOptions, factFilterSelected, searchFacts } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { eventInputSchema } from '@/lib/events/validation';
import { listEventChoices, listFilterChoices } from '@/lib/follow-ups/choices';
import { countDueFollowUps, countDueForSession } from '@/lib/follow-ups/counts';
import { countOpenByGroup, listFollowUpLists } from '@/lib/follow-ups/queries';
import { listDuplicateSuggestions } from '@/lib/people/duplicates';
import { listSearchFilterOptions } from '@/lib/people/filter-options';
import { listFacts, listTimeline } from '@/lib/people/history';
import { getPerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { encodeCursor } from '@/lib/people/search-terms';
import { searchParamsSchema } from '@/lib/people/validation';
import { createSession, getSessionUser } from '@/lib/auth/users';
import { getWeeklyReview } from '@/lib/review/queries';
import { percentile } from './http';
import { addDays, mondayOf, todayIn } from '@/lib/dates';

const email = process.env.BENCH_EMAIL ?? 'bench@example.test';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const plansDir = process.env.BENCH_PLANS;
/** Only the paths whose names contain one of these (comma-separated, case-insensitive): for iterating on one path. */
const only = (process.env.BENCH_PATHS ?? '')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
/** Tables whose rows belong to a user: a sequential scan of any of them reads every user's rows. */
const USER_OWNED = [
  'people',
  'organisations',
  'events',
  'encounters',
  'encounter_topics',
  'event_topics',
  'follow_ups',
  'insights',
  'interactions',
  'merges',
  'topics',
  'person_topics',
  'search_words',
  'sessions',
  'posts',
  'sectors',
];

type Tapped = { query: string; params: unknown[] };
const tap: Tapped[] = [];
let tapping = false;
(globalThis as { [k: symbol]: unknown })[Symbol.for('rapport.sqlTap')] = (query: string, params: unknown[]) => {
  if (tapping) tap.push({ query, params });
};

async function main() {
  const [user] = await rows<{ id: string; time_zone: string; locale: string }>(db, sql`select id, time_zone, locale from users where lower(email) = ${email}`);
  if (!user) throw new Error(`No bench user ${email}: seed first.`);
  const [recent] = await rows<{ id: string }>(
    db,
    sql`select id from people where user_id = ${user.id}::uuid and deleted_at is null order by last_met_at desc nulls last limit 1`,
  );
  // The People list sorted by name, 1,000 people in: where its next page starts, as its cursor says.
  const [deep] = await rows<{ id: string; k: string | null }>(
    db,
    sql`select id::text, lower(coalesce(name, role)) as k from people where user_id = ${user.id}::uuid and deleted_at is null
         order by coalesce(name, role) is null, lower(coalesce(name, role, '')) collate "und-x-icu", id offset 999 limit 1`,
  );
  const deepByName = deep ? encodeCursor({ s: null, m: null, i: deep.id, o: 'name', k: deep.k }) : undefined;
  // A session of its own: the table keeps only the hash of each id (lib/auth/sessions.ts), not an id to reuse.
  const session = { id: await createSession(user.id, 'rapport-bench-hot') };
  // The latest evening of a series: its brief reads every earlier evening of that series.
  const [seriesEvent] = await rows<{ id: string }>(
    db,
    sql`select id from events where user_id = ${user.id}::uuid and deleted_at is null and series is not null order by starts_at desc limit 1`,
  );
  const today = todayIn(user.time_zone);
  const uid = user.id;
  let evening = 0;
  const paths: Record<string, () => Promise<unknown>> = {
    'shell (session + due count)': async () => {
      // As the app layout reads them: the session and, beside it, the due count by session.
      if (session) await Promise.all([getSessionUser(session.id), countDueForSession(session.id)]);
      else await countDueFollowUps(uid, user.time_zone);
    },
    'people search (text + sector)': () => searchPeople(uid, searchParamsSchema.parse({ q: 'head of it', sector: 'Government' })),
    'people list (no query)': () => Promise.all([searchPeople(uid, searchParamsSchema.parse({})), listSearchFilterOptions(uid, [])]),
    'people list by name, page 41': () => searchPeople(uid, searchParamsSchema.parse({ sort: 'name', cursor: deepByName })),
    'people list newest added': () => searchPeople(uid, searchParamsSchema.parse({ sort: 'added' })),
    'person page data': async () => {
      const person = await getPerson(uid, recent!.id);
      await Promise.all([
        listTimeline(uid, person.id),
        listFacts(uid, person.id),
        listFollowUpLists(uid, today, { open: { person: person.id, status: 'open' }, done: { person: person.id, status: 'done', limit: 50 } }),
        listDuplicateSuggestions(uid, { personId: person.id, limit: 5 }),
      ]);
    },
    // What /facts?q= reads: the ranked, typo-tolerant search (the filters in force, none here, are checked beside it).
    'facts search (q)': () => Promise.all([searchFacts(uid, factSearchSchema.parse({ q: 'budgets' })), factFilterSelected(uid, {})]),
    // What opening the /facts filters loads (GET /api/v1/facts/filters), apart from the search.
    'facts filter choices': () => factFilterOptions(uid),
    'follow-up review': () =>
      Promise.all([
        listFollowUpLists(uid, today, {
          overdue: { status: 'open', due: 'overdue', limit: 10 },
          today: { status: 'open', due: 'today', limit: 10 },
          week: { status: 'open', due: 'week', limit: 10 },
          later: { status: 'open', due: 'later', limit: 5 },
          none: { status: 'open', due: 'none', limit: 5 },
          done: { status: 'done', recentDoneOnly: true, limit: 5 },
        }),
        countOpenByGroup(uid, today, {}),
        listDueContacts(uid, today),
        listFilterChoices(uid, { people: false, events: 25 }),
        listEventChoices(uid, 25),
      ]),
    dashboard: () =>
      Promise.all([
        listFollowUpLists(uid, today, { overdue: { due: 'overdue', limit: 5 }, today: { due: 'today', limit: 5 } }),
        latestEvents(uid),
        listDueContacts(uid, today, { limit: 8 }),
        peopleBySector(uid),
        eventsPerMonth(uid, user.time_zone, today, user.locale),
        followUpProgress(uid, today, new Date()),
        upcomingEvents(uid, new Date()),
      ]),
    'before you go brief': async () => {
      if (seriesEvent) await getBrief(uid, seriesEvent.id, new Date(), { first: FIRST_SHOWN });
    },
    'weekly review': () => getWeeklyReview(uid, addDays(mondayOf(today), -7), user.time_zone, { first: 25 }),
    'log a 6-person evening': () => {
      evening++;
      const input = eventInputSchema.parse({
        title: `Bench evening ${evening}`,
        startsAt: '2026-06-02T18:00:00Z',
        people: Array.from({ length: 6 }, (_, i) => ({
          name: `Bench Guest ${evening}-${i}`,
          role: 'Head of IT',
          organisation: `Bench Org ${i}`,
          sector: 'Government',
        })),
      });
      return createEvent(uid, input);
    },
  };

  const out: Record<string, { p50: number; p95: number; p99: number; statements: number; seqScans: string[] }> = {};
  if (plansDir) fs.mkdirSync(plansDir, { recursive: true });
  const admin = plansDir ? postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} }) : null;
  for (const [name, run] of Object.entries(paths)) {
    if (only.length && !only.some((o) => name.toLowerCase().includes(o))) continue;
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    tap.length = 0;
    tapping = true;
    await run();
    tapping = false;
    const statements = tap.filter((t) => /^\s*(select|insert|update|delete|with)\b/i.test(t.query));
    const seqScans = new Set<string>();
    if (admin) {
      let text = `-- ${name}: EXPLAIN (ANALYZE, BUFFERS) of each statement it sends, at ${new Date().toISOString()}\n`;
      await admin
        .begin(async (tx) => {
          for (const [i, s] of tap.entries()) {
            // The write path's tapped run was committed, and its inserts carry ids made in the database: replaying them
            // would collide or point at rows that differ. Its reads (matching people and organisations) are explained.
            const write = /^\s*(insert|update|delete)\b/i.test(s.query) || (/^\s*with\b/i.test(s.query) && /\b(insert|update|delete)\b/i.test(s.query));
            if (name === 'log a 6-person evening' && write) {
              text += `\n-- statement ${i + 1} (a write, not replayed)\n${s.query.trim()}\n`;
              continue;
            }
            if (!/^\s*(select|insert|update|delete|with)\b/i.test(s.query)) {
              if (/^\s*set\b/i.test(s.query)) await tx.unsafe(s.query, s.params as never[]);
              continue;
            }
            const plan = await tx.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
            const lines = plan.map((r) => r['QUERY PLAN'] as string);
            for (const l of lines) {
              const m = /Seq Scan on (\w+)/.exec(l);
              if (m && USER_OWNED.includes(m[1]!)) seqScans.add(m[1]!);
            }
            text += `\n-- statement ${i + 1}\n${s.query.trim()}\n\n${lines.join('\n')}\n`;
          }
          throw new Error('rollback');
        })
        .catch((err: Error) => {
          if (err.message !== 'rollback') throw err;
        });
      fs.writeFileSync(
        path.join(
          plansDir!,
          `${name
            .replace(/[^a-z0-9]+/gi, '-')
            .replace(/^-|-$/g, '')
            .toLowerCase()}.txt`,
        ),
        text,
      );
    }
    // A sequential scan is what the planner should choose for a table of one page, or one whose rows are mostly this
    // user's (the bench's 100,000-person user owns most of some small tables): each is said beside the table's name,
    // and only a scan that reads mostly other users' rows counts as one to fix.
    const scans: string[] = [];
    for (const table of seqScans) {
      const [size] = await rows<{ pages: number; mine: number; all: number }>(
        db,
        sql`select c.relpages as pages, (select count(*) from ${sql.identifier(table)} t where t.user_id = ${uid}::uuid)::int as mine,
                   (select count(*) from ${sql.identifier(table)})::int as "all"
              from pg_class c where c.relname = ${table} and c.relkind = 'r'`,
      );
      const share = size && size.all ? size.mine / size.all : 0;
      scans.push(
        !size || size.pages <= 1
          ? `${table} (at most one page: read whole either way)`
          : share >= 0.5
            ? `${table} (${Math.round(share * 100)}% of its rows are this user's, ${size.pages} pages)`
            : `${table} (READS OTHER USERS' ROWS: this user's share ${Math.round(share * 100)}%, ${size.pages} pages)`,
      );
    }
    const r2 = (n: number) => +n.toFixed(2);
    out[name] = {
      p50: r2(percentile(times, 50)),
      p95: r2(percentile(times, 95)),
      p99: r2(percentile(times, 99)),
      statements: statements.length,
      seqScans: scans,
    };
  }
  await admin?.end();
  console.log(JSON.stringify(out));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
