/**
 * A small closed-loop HTTP load driver for the bench (node:http with keep-alive, so the client costs little of the
 * two cores it shares with the server): `concurrency` connections each send the next request as soon as the last
 * one's body has arrived. Reports throughput and latency percentiles; never asserts.
 */
import http from 'node:http';

export interface HttpStats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  /** Bytes of the last body (the HTML size of a page). */
  bytes: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on `agent`: status, ms, body. */
export function send(base: string, agent: http.Agent, req: Req): Promise<{ status: number; ms: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(req.path, base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method ?? 'GET', agent, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body) r.end(req.body);
    else r.end();
  });
}

/** One request's figures from its latencies (ms), rounded to 0.1. */
function stats(times: number[], rps: number, statuses: Record<string, number>, bytes: number): HttpStats {
  const r1 = (n: number) => +n.toFixed(1);
  return {
    requests: times.length,
    rps: r1(rps),
    p50: r1(percentile(times, 50)),
    p95: r1(percentile(times, 95)),
    p99: r1(percentile(times, 99)),
    max: r1(Math.max(...times)),
    statuses,
    bytes,
  };
}

/** Warms up, then runs `requests` requests over `concurrency` keep-alive connections. */
export async function drive(base: string, req: Req | (() => Req), opts: { concurrency: number; requests: number; warmup?: number }): Promise<HttpStats> {
  const next = typeof req === 'function' ? req : () => req;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  try {
    for (let i = 0; i < (opts.warmup ?? 10); i++) await send(base, agent, next());
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    let left = opts.requests;
    let bytes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (left-- > 0) {
          const res = await send(base, agent, next());
          times.push(res.ms);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          bytes = Buffer.byteLength(res.body);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return stats(times, times.length / seconds, statuses, bytes);
  } finally {
    agent.destroy();
  }
}

/**
 * c=1 for several requests measured side by side: after `warmup` each, `rounds` rounds in which every request is sent
 * `perRound` times in turn, so a page and its floor share the same minutes of a machine whose speed drifts (2–3×
 * between runs here). Returns each request's stats, in `reqs` order; req/s is the closed loop's 1000 / mean.
 */
export async function interleave(base: string, reqs: Req[], opts: { rounds: number; perRound: number; warmup?: number }): Promise<HttpStats[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const req of reqs) for (let i = 0; i < (opts.warmup ?? 10); i++) await send(base, agent, req);
    const samples = reqs.map(() => ({ times: [] as number[], statuses: {} as Record<string, number>, bytes: 0 }));
    for (let round = 0; round < opts.rounds; round++) {
      for (const [i, req] of reqs.entries()) {
        for (let k = 0; k < opts.perRound; k++) {
          const res = await send(base, agent, req);
          const s = samples[i]!;
          s.times.push(res.ms);
          s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;
          s.bytes = Buffer.byteLength(res.body);
        }
      }
    }
    return samples.map(({ times, statuses, bytes }) => stats(times, 1000 / (times.reduce((a, b) => a + b, 0) / times.length), statuses, bytes));
  } finally {
    agent.destroy();
  }
}
