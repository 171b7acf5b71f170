import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';

/** The origin in-process requests claim; route handlers only read it back. */
export const BASE = 'http://rapport.test';

const root = path.resolve(__dirname, '../..');

// Route handlers differ only in their params type; each reads what it needs.
export type Handler = (request: Request, context: never) => Promise<Response>;

/**
 * Calls a route handler in-process, as a client would: `token` authenticates by bearer (null sends none),
 * `params` are the route's dynamic segments.
 */
export function callRoute(
  handler: Handler,
  method: string,
  url: string,
  opts: { token?: string | null; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const raw = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(raw !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  headers.host ??= new URL(BASE).host;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const request = new Request(BASE + url, { method, body: raw, headers });
  return handler(request, { params: Promise.resolve(opts.params ?? {}) } as never);
}

/** Every `route.ts` under `dir` (relative to the project), as `[route path, exported methods]`. */
export function routeHandlers(dir = 'app'): { route: string; file: string; methods: string[] }[] {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(d, e.name);
      return e.isDirectory() ? walk(full) : e.name === 'route.ts' ? [full] : [];
    });
  return walk(path.join(root, dir)).map((file) => {
    const rel = path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep);
    // Route groups such as (app) are not part of the URL.
    const route = '/' + rel.filter((s) => !/^\(.*\)$/.test(s)).join('/');
    const source = fs.readFileSync(file, 'utf8');
    const VERB = /\b(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)\b/g;
    const direct = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]!);
    // `export const { GET, POST } = handlers;`
    const destructured = [...source.matchAll(/export const \{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(VERB)].map((v) => v[1]!));
    const methods = [...new Set([...direct, ...destructured])];
    return { route, file: path.relative(root, file), methods };
  });
}

/** Every file under app/ that starts with 'use server', with its exported function names. */
export function serverActionFiles(): { file: string; exports: string[] }[] {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(d, e.name);
      return e.isDirectory() ? walk(full) : /\.tsx?$/.test(e.name) ? [full] : [];
    });
  return walk(path.join(root, 'app'))
    .filter((f) => /^\s*['"]use server['"]/.test(fs.readFileSync(f, 'utf8')))
    .map((file) => ({
      file: path.relative(root, file),
      exports: [...fs.readFileSync(file, 'utf8').matchAll(/export (?:async function|const|function) (\w+)/g)].map((m) => m[1]!),
    }));
}

/** Every page under app/, as its URL pattern (`/events/[id]`). */
export function pageRoutes(): string[] {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(d, e.name);
      return e.isDirectory() ? walk(full) : e.name === 'page.tsx' ? [full] : [];
    });
  return walk(path.join(root, 'app')).map((file) => {
    const rel = path
      .relative(path.join(root, 'app'), path.dirname(file))
      .split(path.sep)
      .filter((s) => s && !/^\(.*\)$/.test(s));
    return '/' + rel.join('/');
  });
}

/**
 * Every row the user owns, table by table (each table with a `user_id` column, found in the catalogue so a new
 * table is included without editing this), plus the user's own row: compare two of these to prove nothing changed.
 */
export async function snapshotUser(userId: string): Promise<Record<string, unknown>> {
  const tables = await rows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'user_id' order by table_name`,
  );
  const out: Record<string, unknown> = {};
  for (const { table_name } of tables) {
    const [row] = await rows<{ j: unknown }>(
      db,
      sql`select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]'::jsonb) as j
          from ${sql.identifier(table_name)} t where t.user_id = ${userId}`,
    );
    out[table_name] = row?.j;
  }
  const [user] = await rows<{ j: unknown }>(db, sql`select to_jsonb(u) as j from users u where u.id = ${userId}`);
  out.users = user?.j;
  return out;
}

/** How many rows each user-owned table holds in all (a refused request must leave these alone). */
export async function rowCounts(userId: string): Promise<Record<string, number>> {
  const snap = await snapshotUser(userId);
  return Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, Array.isArray(v) ? v.length : v ? 1 : 0]));
}
