/**
 * Run by tests/bench/run.ts in a child process with DATABASE_URL pointing at a seeded bench database.
 * Times the people search inside the server (EXPLAIN ANALYZE execution time of every statement one search
 * runs) and from the caller (wall time of the lib call), checks the plans for sequential scans of people,
 * and prints one JSON line.
 */
import { sql, type SQL } from 'drizzle-orm';
import { closeDb, db, type DbOrTx } from '@/db/client';
import { rows } from '@/db/rows';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';

const email = process.env.BENCH_EMAIL ?? 'bench@example.test';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

/** Text + sector searches of the kind people type: typos, roles, organisations, topics, vague memories. */
const CASES: Record<string, unknown>[] = [
  { q: 'head of it', sector: 'Government' },
  { q: 'departmnt for educaton', sector: 'Government' },
  { q: 'cio', sector: 'Higher education' },
  { q: 'audience data', sector: 'Media' },
  { q: 'priya', sector: ['Government', 'Technology'] },
  { q: 'the woman from the bbc who talked about audience data', sector: 'Media' },
  { q: 'chief digital officer', sector: 'Government' },
  { q: 'smyth', sector: 'Finance' },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

type Kind = 'list' | 'facets' | 'other';
interface Logged {
  ms: number;
  seq: string[];
  kind: Kind;
}

/**
 * A connection that runs each statement under EXPLAIN (ANALYZE, TIMING OFF) and keeps its execution time
 * and plan. Statements run one at a time here, so they do not compete with each other for the two cores.
 * Transactions are real (search sets planner options inside one), with their statements explained too.
 */
function explaining(log: Logged[], base: DbOrTx = db): DbOrTx {
  let queue = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  return {
    execute: (query: SQL) =>
      serial(async () => {
        const [row] = await rows<{ 'QUERY PLAN': unknown }>(base, sql`explain (analyze, timing off, format json) ${query}`);
        const raw = row?.['QUERY PLAN'];
        const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode; 'Execution Time': number }[];
        const top = plan[0]!.Plan;
        const kind: Kind = top['Node Type'] === 'Limit' ? 'list' : /Aggregate/.test(top['Node Type']) ? 'facets' : 'other';
        log.push({ ms: plan[0]!['Execution Time'], seq: seqScans(top), kind });
        return base.execute(query);
      }),
    transaction: <T>(work: (tx: DbOrTx) => Promise<T>) => serial(() => base.transaction((tx) => work(explaining(log, tx)))),
  } as unknown as DbOrTx;
}

async function main() {
  const [user] = await rows<{ id: string }>(db, sql`select id from users where lower(email) = ${email}`);
  if (!user) throw new Error(`No bench user ${email}: seed first.`);
  const [{ n }] = (await rows<{ n: string }>(db, sql`select count(*)::text as n from people where user_id = ${user.id}::uuid`)) as [{ n: string }];

  const server: number[] = [];
  const listOnly: number[] = [];
  const facetsOnly: number[] = [];
  const wall: number[] = [];
  const seq = new Set<string>();
  const listSeq = new Set<string>();
  const perCase: { case: string; listP95: number; facetsP95: number; totalP95: number; matches: number }[] = [];
  for (const c of CASES) {
    const params = searchParamsSchema.parse(c);
    const result = await searchPeople(user.id, params); // warm the cache
    const caseServer: number[] = [];
    const caseList: number[] = [];
    const caseFacets: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const log: Logged[] = [];
      await searchPeople(user.id, params, explaining(log));
      const ms = log.reduce((t, l) => t + l.ms, 0);
      caseServer.push(ms);
      caseList.push(log.filter((l) => l.kind === 'list').reduce((t, l) => t + l.ms, 0));
      caseFacets.push(log.filter((l) => l.kind === 'facets').reduce((t, l) => t + l.ms, 0));
      for (const l of log) for (const r of l.seq) seq.add(`${l.kind}:${r}`);
      for (const l of log) if (l.kind === 'list' && l.seq.includes('people')) listSeq.add(JSON.stringify(c));
      const started = performance.now();
      await searchPeople(user.id, params);
      wall.push(performance.now() - started);
    }
    server.push(...caseServer);
    listOnly.push(...caseList);
    facetsOnly.push(...caseFacets);
    perCase.push({
      case: JSON.stringify(c),
      listP95: +percentile(caseList, 95).toFixed(2),
      facetsP95: +percentile(caseFacets, 95).toFixed(2),
      totalP95: +percentile(caseServer, 95).toFixed(2),
      matches: result.total,
    });
  }
  // The list with no query (the page as first opened), and one page deep with a cursor.
  const first = await searchPeople(user.id, searchParamsSchema.parse({}));
  const emptyLog: Logged[] = [];
  await searchPeople(user.id, searchParamsSchema.parse({ cursor: first.nextCursor ?? undefined }), explaining(emptyLog));

  console.log(
    JSON.stringify({
      people: Number(n),
      runs: server.length,
      listMs: { p50: +percentile(listOnly, 50).toFixed(2), p95: +percentile(listOnly, 95).toFixed(2) },
      facetsMs: { p50: +percentile(facetsOnly, 50).toFixed(2), p95: +percentile(facetsOnly, 95).toFixed(2) },
      serverMs: { p50: +percentile(server, 50).toFixed(2), p95: +percentile(server, 95).toFixed(2), max: +Math.max(...server).toFixed(2) },
      callerMs: { p50: +percentile(wall, 50).toFixed(2), p95: +percentile(wall, 95).toFixed(2) },
      noQueryServerMs: +emptyLog.reduce((t, l) => t + l.ms, 0).toFixed(2),
      noQueryListMs: +emptyLog
        .filter((l) => l.kind === 'list')
        .reduce((t, l) => t + l.ms, 0)
        .toFixed(2),
      listSeqScansOfPeople: [...listSeq].length > 0,
      seqScansOf: [...seq].sort(),
      peopleSeqScanAnywhere: [...seq].some((s) => s.endsWith(':people')) || emptyLog.some((l) => l.seq.includes('people')),
      perCase,
    }),
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
