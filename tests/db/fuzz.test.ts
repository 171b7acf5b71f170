import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import type { EndpointDoc } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';
import { createApiToken } from '@/lib/api/tokens';
import { callRoute, type Handler } from '../support/api';
import { createTestUser } from '../support/users';

/*
 * Every documented API input (each JSON body and each query string in lib/api/registry.ts) is fed generated
 * hostile input through its real route handler: wrong types, huge strings, NUL, lone surrogates, right-to-left
 * marks, emoji, homoglyph emails, extreme dates and unknown fields. The answer is always below 500; a 400 is
 * problem+json naming the fields; a refused request leaves the user's row counts as they were.
 */

vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));
// Thousands of refused writes in a minute are the point here, not a client to slow down.
process.env.API_WRITE_LIMIT = '100000000';

// Whole requests cost a few database round trips each; the schemas alone are cheap. FUZZ_RUNS=1000 for a long soak.
const RUNS_PER_BODY = Number(process.env.FUZZ_RUNS ?? 60);
const RUNS_PER_SCHEMA = 2000;
const root = path.resolve(__dirname, '../..');
const tally: Record<string, number> = {};
const count = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);

let token: string;
let userId: string;
const ids: Record<string, { id: string; version: number }> = {};

/** Row counts of every user-owned table for this user, in one query. */
let countSql: ReturnType<typeof sql> | undefined;
async function counts(): Promise<string> {
  if (!countSql) {
    const tables = await rows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id' order by table_name`,
    );
    countSql = sql.join(
      tables.map((t) => sql`select ${t.table_name} as t, count(*)::int as n from ${sql.identifier(t.table_name)} where user_id = ${userId}`),
      sql` union all `,
    );
  }
  return JSON.stringify(await rows(db, countSql));
}

const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\uDBFF\uDFFF\uD800',
    '\u202Eevil\u202C',
    '\u200F\u200E\u061C',
    '👩🏽‍💻🇬🇧🫠',
    'аdmin@exаmple.com',
    'pаypal@gmaіl.com',
    'Ⓐⓓⓜⓘⓝ@ｅｘａｍｐｌｅ．ｃｏｍ',
    '<script>alert(1)</script>',
    "'; drop table users; --",
    '0000-01-01',
    '0000-00-00T00:00:00Z',
    '275760-09-13',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2026-02-30',
    '2026-13-45T25:61:00Z',
    '1970-01-01T00:00:00+14:00',
    '',
    '   ',
    '\n\r\t',
    'null',
    '../../etc/passwd',
    '%00',
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 5 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.emailAddress().map((e) => e.replace(/a/g, 'а')),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53, 0.5, [], {}, [[[]]], { $gt: '' }, { __proto__: { admin: true } }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(hostileText, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid body for each documented write, the base that one field at a time is made hostile in. */
function validBody(ep: EndpointDoc): Record<string, unknown> {
  const key = `${ep.method} ${ep.path}`;
  switch (key) {
    case 'post /api/v1/events':
      return {
        title: 'Fuzz evening',
        startsAt: '2026-05-12T18:00:00Z',
        endsAt: '2026-05-12T21:00:00Z',
        venue: 'Hall',
        host: 'Host',
        series: 'Series',
        summary: 'Summary',
        reflection: 'Reflection',
        topics: ['topic'],
        people: [
          {
            name: 'Ann',
            role: 'Chair',
            organisation: 'Org',
            sector: 'Sector',
            email: 'ann@example.test',
            relation: 'met',
            notes: 'n',
            topics: ['t'],
            newPerson: true,
          },
        ],
        insights: [{ text: 'fact', personIndex: 0 }],
        followUps: [{ action: 'Write', due: '2026-05-20', personIndex: 0 }],
      };
    case 'patch /api/v1/events/{id}':
      return { version: ids.event!.version, title: 'Patched', venue: 'Room', topics: ['x'] };
    case 'post /api/v1/events/{id}/post':
      return { style: 'narrative', includeNotes: false };
    case 'post /api/v1/follow-ups':
      return { action: 'Call back', due: '2026-06-01', personId: ids.person!.id, eventId: ids.event!.id };
    case 'patch /api/v1/follow-ups/{id}':
      return { action: 'Call again', due: '2026-06-02', status: 'open', version: ids.followUp!.version };
    case 'post /api/v1/people':
      return {
        name: 'Bo',
        role: 'Lead',
        organisationName: 'Org',
        email: 'bo@example.test',
        phone: '+44 20 7946 0000',
        links: ['https://example.test/bo'],
        notes: 'n',
        keepPrivate: false,
      };
    case 'patch /api/v1/people/{id}':
      return {
        version: ids.person!.version,
        name: 'Bo',
        role: 'Lead',
        notes: 'x',
        links: ['example.test'],
        keepPrivate: true,
        keepInTouch: { unit: 'days', every: 30 },
      };
    case 'post /api/v1/interactions':
      return { personId: ids.person!.id, kind: 'coffee', occurredOn: '2026-03-01', note: 'Flat white' };
    case 'patch /api/v1/interactions/{id}':
      return { kind: 'call', occurredOn: '2026-03-02', note: 'Called', version: ids.interaction!.version };
    case 'post /api/v1/import/stream':
      return { kind: 'vcard', content: 'BEGIN:VCARD\nVERSION:3.0\nFN:Fuzz Person\nEND:VCARD\n', goodRows: true };
    case 'post /api/v1/posts/{id}/publish':
      return { confirmNamed: true };
    case 'post /api/v1/posts/{id}/revert':
      return { version: ids.post!.version };
    case 'patch /api/v1/posts/{id}':
      return { version: ids.post!.version, title: 'Post', markdown: '# Hi' };
    case 'patch /api/v1/facts/{id}':
      return { offTheRecord: true };
    case 'patch /api/v1/topics/{id}':
      return { name: 'Renamed topic' };
    case 'post /api/v1/topics/{id}/merge':
      return { into: ids.topic!.id };
    default:
      throw new Error(`The fuzz test has no valid body for ${key}: add one`);
  }
}

const paramFor: Record<string, keyof typeof ids> = {
  '/api/v1/events/{id}': 'event',
  '/api/v1/events/{id}/post': 'event',
  '/api/v1/follow-ups/{id}': 'followUp',
  '/api/v1/people/{id}': 'person',
  '/api/v1/posts/{id}': 'post',
  '/api/v1/posts/{id}/publish': 'post',
  '/api/v1/posts/{id}/revert': 'post',
  '/api/v1/facts/{id}': 'fact',
  '/api/v1/interactions/{id}': 'interaction',
  '/api/v1/topics/{id}': 'topic',
  // Merges the encounter's topic into the event's, which the rename above keeps working on.
  '/api/v1/topics/{id}/merge': 'topicFrom',
};

async function handlerFor(ep: EndpointDoc): Promise<Handler> {
  const dir = ep.path.replace(/\{(\w+)\}/g, '[$1]');
  const mod = (await import(path.join(root, 'app', dir, 'route.ts'))) as Record<string, Handler>;
  return mod[ep.method.toUpperCase()]!;
}

/** Every leaf path of a JSON value (and each object itself, for type confusion one level up). */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => leafPaths(v, [...at, i]))];
  if (value && typeof value === 'object') return [...(at.length ? [at] : []), ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...at, k]))];
  return [at];
}

function setAt(body: Record<string, unknown>, at: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string | number, unknown> = copy;
  for (const step of at.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

/** Sends one body and checks the answer's shape; true when it was accepted. */
async function send(ep: EndpointDoc, handler: Handler, body: unknown, raw?: string): Promise<{ status: number; problem?: { errors?: { path: string }[] } }> {
  const param = paramFor[ep.path];
  const before = await counts();
  const res = await callRoute(handler, ep.method.toUpperCase(), ep.path, {
    token,
    body: raw ?? JSON.stringify(body),
    params: param ? { id: ids[param]!.id } : {},
  });
  const text = await res.text();
  const label = `${ep.method} ${ep.path} ${raw ?? JSON.stringify(body)}`.slice(0, 300);
  expect(res.status, `${label} → ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), label).toContain('application/problem+json');
    expect(await counts(), `${label}: a refused request changed rows`).toBe(before);
    const problem = JSON.parse(text);
    if (res.status === 400 && raw === undefined) {
      expect(Array.isArray(problem.errors) && problem.errors.length > 0, `${label}: no field errors`).toBe(true);
      for (const e of problem.errors) expect(typeof e.path).toBe('string');
    }
    return { status: res.status, problem };
  }
  // Accepted: the next PATCH must send the version this one made.
  // A streamed answer (JSON lines) is not one JSON document; it carries no version.
  let json: { version?: unknown } = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    /* JSON lines */
  }
  if (param && typeof json.version === 'number') ids[param]!.version = json.version;
  return { status: res.status };
}

/** Saving the event re-saves its follow-ups (a new version each): read every version afresh. */
async function refreshVersions() {
  for (const [kind, path] of [
    ['event', '/api/v1/events/{id}'],
    ['person', '/api/v1/people/{id}'],
    ['followUp', '/api/v1/follow-ups/{id}'],
    ['post', '/api/v1/posts/{id}'],
    ['interaction', '/api/v1/interactions/{id}'],
  ] as const) {
    if (!ids[kind]) continue;
    const ep = endpoints.find((e) => e.method === 'get' && e.path === path)!;
    const res = await callRoute(await handlerFor(ep), 'GET', '/x', { token, params: { id: ids[kind].id } });
    ids[kind].version = (await res.json()).version;
  }
}

const bodyEndpoints = endpoints.filter((ep) => ep.body);
const queryEndpoints = endpoints.filter((ep) => ep.query);

beforeAll(async () => {
  const user = await createTestUser({ name: 'Fuzz' });
  userId = user.id;
  token = (await createApiToken(user.id, 'fuzz')).token;
  const [events] = bodyEndpoints.filter((e) => e.method === 'post' && e.path === '/api/v1/events');
  const created = await (await callRoute(await handlerFor(events!), 'POST', '/api/v1/events', { token, body: validBody(events!) })).json();
  ids.event = { id: created.id, version: created.version };
  ids.person = { id: created.people[0].id, version: 1 };
  const person = await (
    await callRoute(await handlerFor(endpoints.find((e) => e.method === 'get' && e.path === '/api/v1/people/{id}')!), 'GET', '/x', {
      token,
      params: { id: ids.person.id },
    })
  ).json();
  ids.person.version = person.version;
  ids.followUp = { id: created.followUps[0].id, version: created.followUps[0].version ?? 1 };
  const fu = await (
    await callRoute(await handlerFor(endpoints.find((e) => e.method === 'get' && e.path === '/api/v1/follow-ups/{id}')!), 'GET', '/x', {
      token,
      params: { id: ids.followUp.id },
    })
  ).json();
  ids.followUp.version = fu.version;
  const post = await (
    await callRoute(await handlerFor(bodyEndpoints.find((e) => e.path === '/api/v1/events/{id}/post')!), 'POST', '/x', {
      token,
      body: {},
      params: { id: ids.event.id },
    })
  ).json();
  ids.post = { id: post.id, version: post.version };
  const interaction = await (
    await callRoute(await handlerFor(bodyEndpoints.find((e) => e.method === 'post' && e.path === '/api/v1/interactions')!), 'POST', '/x', {
      token,
      body: { personId: ids.person.id, kind: 'email', occurredOn: '2026-02-01' },
    })
  ).json();
  ids.interaction = { id: interaction.id, version: interaction.version };
  const [fact] = await rows<{ id: string }>(db, sql`select id from insights where user_id = ${userId} limit 1`);
  ids.fact = { id: fact!.id, version: 0 };
  const topicRows = await rows<{ id: string; normalised_name: string }>(db, sql`select id, normalised_name from topics where user_id = ${userId}`);
  ids.topic = { id: topicRows.find((t) => t.normalised_name === 'topic')!.id, version: 0 };
  ids.topicFrom = { id: topicRows.find((t) => t.normalised_name === 't')!.id, version: 0 };
}, 60_000);

afterAll(() => {
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  console.log(
    `[fuzz] ${total} generated requests and parses:\n${Object.entries(tally)
      .map(([k, v]) => `  ${v}\t${k}`)
      .join('\n')}`,
  );
});

describe('fuzzing every API body', () => {
  it('covers every documented body (a new endpoint needs a valid body here)', () => {
    expect(bodyEndpoints.length).toBeGreaterThanOrEqual(8);
    for (const ep of bodyEndpoints) expect(() => validBody(ep)).not.toThrow();
  });

  for (const ep of bodyEndpoints) {
    const name = `${ep.method.toUpperCase()} ${ep.path}`;

    it(`${name}: the valid base body is accepted (so the hostile cases below differ from it in one place)`, async () => {
      await refreshVersions();
      const handler = await handlerFor(ep);
      expect((await send(ep, handler, validBody(ep))).status).toBeLessThan(300);
    });

    it(`${name}: the schema alone, ${RUNS_PER_SCHEMA} hostile values in one field at a time, never throws and names the field it refuses`, () => {
      const body = validBody(ep);
      fc.assert(
        fc.property(fc.constantFrom(...leafPaths(body)), hostileValue, (at, value) => {
          count(`schema ${name}`);
          const input = at.length ? setAt(body, at, value) : value;
          const parsed = ep.body!.safeParse(JSON.parse(JSON.stringify(input) ?? 'null'));
          if (!parsed.success) for (const issue of parsed.error.issues) expect(Array.isArray(issue.path)).toBe(true);
        }),
        { numRuns: RUNS_PER_SCHEMA },
      );
    });

    it(`${name}: ${RUNS_PER_BODY} hostile values through the route: below 500, field paths on 400, no partial write`, async () => {
      const handler = await handlerFor(ep);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...leafPaths(validBody(ep))), hostileValue, async (at, value) => {
          count(`route ${name}`);
          // Built from the current version, so that an accepted PATCH does not make every later one a 409.
          const body = validBody(ep);
          await send(ep, handler, at.length ? setAt(body, at, value) : value);
        }),
        { numRuns: RUNS_PER_BODY },
      );
    }, 120_000);

    it(`${name}: whole bodies of the wrong type, malformed JSON and an oversized body are 4xx`, async () => {
      const handler = await handlerFor(ep);
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), async (value) => {
          count(`route ${name}`);
          await send(ep, handler, value);
        }),
        { numRuns: Math.ceil(RUNS_PER_BODY / 3) },
      );
      for (const raw of ['{', '{"title":', '\u0000', '[1,]', 'null']) {
        const { status } = await send(ep, handler, undefined, raw);
        expect(status).toBeGreaterThanOrEqual(400);
      }
      const { status } = await send(ep, handler, undefined, JSON.stringify({ ...validBody(ep), pad: 'x'.repeat(1_100_000) }));
      // Imports take files up to 64 MB: there the padding is refused as an unknown field instead.
      if (ep.path.startsWith('/api/v1/import')) expect([400, 413]).toContain(status);
      else expect(status).toBe(413);
    }, 60_000);

    it(`${name}: unknown fields (userId, id, version where it is not an input, …) are refused by name, at any depth`, async () => {
      const handler = await handlerFor(ep);
      const body = validBody(ep);
      const objects = leafPaths(body).filter((at) => {
        let node: unknown = body;
        for (const step of at) node = (node as Record<string | number, unknown>)[step];
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      const unknownKeys = ['userId', 'user_id', 'id', 'version', 'createdAt', 'deletedAt', 'isAdmin', 'constructor'];
      for (const at of [[], ...objects]) {
        for (const key of unknownKeys) {
          let node: unknown = body;
          for (const step of at) node = (node as Record<string | number, unknown>)[step];
          if (key in (node as object) || Object.hasOwn(ep.body!.def ?? {}, key)) continue;
          // Known fields of that object (an event person's `id`, a PATCH's `version`) are inputs, not extras.
          if (isKnownKey(ep, at, key)) continue;
          count(`unknown-field ${name}`);
          const hostile = at.length ? setAt(body, [...at, key], crypto.randomUUID()) : { ...body, [key]: key === 'version' ? 99 : crypto.randomUUID() };
          const { status, problem } = await send(ep, handler, hostile);
          const where = [...at, key].join('.');
          expect(status, `${name} accepted an unknown ${where}`).toBe(400);
          expect(problem?.errors?.map((e) => e.path).join(' '), `${name}: the refusal names ${where}`).toContain(key);
        }
      }
    }, 60_000);
  }
});

/** Whether `key` is a declared input of the object at `at` in the endpoint's schema (found by asking the schema). */
function isKnownKey(ep: EndpointDoc, at: (string | number)[], key: string): boolean {
  const body = validBody(ep);
  const probe = at.length ? setAt(body, [...at, key], 'not-a-valid-value-\u0000') : { ...body, [key]: 'not-a-valid-value-\u0000' };
  const result = ep.body!.safeParse(probe);
  if (result.success) return true;
  // A declared key fails on its value (invalid_type, invalid_format, custom); an undeclared one as unrecognized.
  const here = at.join('.');
  return !result.error.issues.some((i) => i.code === 'unrecognized_keys' && i.path.join('.') === here && i.keys.includes(key));
}

describe('fuzzing every API query string and id', () => {
  for (const ep of queryEndpoints) {
    const name = `GET ${ep.path}`;
    it(`${name}: the query schema alone, ${RUNS_PER_SCHEMA} hostile query objects, never throws`, () => {
      const keys = Object.keys(ep.query!.shape);
      fc.assert(
        fc.property(
          fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })), {
            maxKeys: 5,
          }),
          (query) => {
            count(`schema ${name}`);
            ep.query!.safeParse(query);
          },
        ),
        { numRuns: RUNS_PER_SCHEMA },
      );
    });
    it(`${name}: ${RUNS_PER_BODY} hostile query strings are below 500, with field paths on 400`, async () => {
      const handler = await handlerFor(ep);
      const keys = Object.keys(ep.query!.shape);
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })),
              hostileText.filter((s) => s.length < 5000),
            ),
            { maxLength: 4 },
          ),
          async (pairs) => {
            count(`query ${name}`);
            const search = new URLSearchParams();
            for (const [k, v] of pairs) search.append(k, v);
            const res = await callRoute(handler, 'GET', `${ep.path}?${search}`, { token });
            const text = await res.text();
            expect(res.status, `${name}?${search} → ${text.slice(0, 200)}`).toBeLessThan(500);
            if (res.status === 400) expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
          },
        ),
        { numRuns: RUNS_PER_BODY },
      );
    }, 120_000);
  }

  const withId = endpoints.filter((ep) => ep.path.includes('{id}'));
  it(`every route with an {id} (${withId.length}) answers 404 for ${RUNS_PER_BODY} hostile ids`, async () => {
    const handlers = await Promise.all(withId.map(handlerFor));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(withId.length - 1),
        fc.oneof(
          hostileText.filter((s) => s.length < 2000),
          fc.uuid(),
        ),
        async (i, id) => {
          count('path ids');
          const ep = withId[i]!;
          const res = await callRoute(handlers[i]!, ep.method.toUpperCase(), '/x', { token, params: { id }, body: ep.body ? validBody(ep) : undefined });
          expect(res.status, `${ep.method} ${ep.path} id=${JSON.stringify(id).slice(0, 80)}`).toBe(404);
        },
      ),
      { numRuns: RUNS_PER_BODY },
    );
  }, 120_000);
});
