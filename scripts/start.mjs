// `npm start`: the production server, on every core when it can.
//
// One Node.js process runs JavaScript on one core. With DATABASE_URL (a PostgreSQL server) the app servers are
// stateless — sessions, rate limits, idempotency keys and the outbox all live in Postgres — so this starts one
// worker per core (node:cluster; the primary hands connections to the workers in turn) and restarts a worker that
// dies. Without DATABASE_URL the app uses the embedded database (PGlite), which only one process may open: it
// runs ONE worker and says so.
//
// Each worker sheds load rather than queueing into timeouts: past RAPPORT_MAX_INFLIGHT requests in progress it
// answers 503 with Retry-After at once (problem+json), and takes new requests again as soon as the count drops.
// That counter is about this process's own load right now, not state that matters across requests. The default
// (64) sits above what a busy hour brings (bench:load's 50 users clicking without pause keep ~25 in progress per
// worker on two cores, answered in ~0.7 s), and an open-ended queue past it is what shedding prevents: at ~37
// answered per second per worker, 64 waiting is under two seconds of work. At 24 that busy hour had a quarter of
// its requests shed.
//
// Environment: PORT (3000), HOST (0.0.0.0; not HOSTNAME, which shells set to the machine's name), WEB_CONCURRENCY (workers; default one per core on PostgreSQL),
// RAPPORT_MAX_INFLIGHT (per worker, default 64), NEXT_DIST_DIR (the build, as next.config.js reads it).
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
const embedded = !process.env.DATABASE_URL;
const requested = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
const workers = embedded ? 1 : Math.max(1, Math.floor(requested) || 1);
const maxInflight = Math.max(1, Number(process.env.RAPPORT_MAX_INFLIGHT ?? 64));
const RETRY_AFTER_SECONDS = 1;

if (cluster.isPrimary) {
  console.log(
    embedded
      ? 'Rapport: embedded database (PGlite): one server process, since only one process may open its data directory. Set DATABASE_URL to use every core.'
      : `Rapport: PostgreSQL server: ${workers} server process${workers === 1 ? '' : 'es'} (WEB_CONCURRENCY to change), at most ${maxInflight} requests in progress each.`,
  );
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Rapport: server process ${worker.process.pid} ended (${signal ?? code}); starting another.`);
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
} else {
  process.env.NODE_ENV = 'production';
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  let inflight = 0;
  const server = http.createServer((req, res) => {
    // The health check stays cheap and always answers: a balancer must tell "busy" from "down".
    if (inflight >= maxInflight && req.url !== '/api/health') {
      res.writeHead(503, {
        'Content-Type': 'application/problem+json',
        'Retry-After': String(RETRY_AFTER_SECONDS),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Busy', status: 503, detail: 'The server is busy. Try again in a moment.' }));
      return;
    }
    inflight++;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inflight--;
      }
    };
    res.on('finish', finish);
    res.on('close', finish);
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    if (cluster.worker?.id === 1) console.log(`Rapport: ready on http://${hostname}:${port}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  // As `next start` does: an error thrown outside any request (a driver callback after a dropped connection) is
  // logged and the process keeps serving, rather than dropping every request in progress.
  process.on('uncaughtException', (err) => console.error('uncaughtException', err));
  process.on('unhandledRejection', (err) => console.error('unhandledRejection', err));
}
