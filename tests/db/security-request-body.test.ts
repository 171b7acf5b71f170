import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as importRoute } from '@/app/api/v1/import/route';
import { POST as createPersonRoute } from '@/app/api/v1/people/route';
import { createApiToken } from '@/lib/api/tokens';
import { BASE, callRoute } from '../support/api';
import { createTestUser } from '../support/users';

/*
 * What a client sends is read by lib/api/request.ts before any endpoint sees it: a body nested thousands deep, or
 * one whose connection drops half-way, is the client's mistake (400), never a 500 or a "database unavailable".
 */

// Requests authenticate by bearer token (real); next-auth does not load outside Next.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

const noParams = { params: Promise.resolve({}) } as never;
const TOO_DEEP = 'The JSON is nested too deeply.';

let token: string;
beforeAll(async () => {
  const user = await createTestUser();
  ({ token } = await createApiToken(user.id, 'body tests'));
});

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('a JSON body nested too deeply', () => {
  it.each([
    ['5000 arrays', nestedArrays(5000)],
    ['5000 objects', nestedObjects(5000)],
    ['65 arrays, one past the limit', nestedArrays(65)],
    ['a person whose name is 65 arrays deep', `{"name":${nestedArrays(64)}}`],
  ])('%s: 400 problem+json saying so, nothing logged', async (_, body) => {
    const res = await callRoute(createPersonRoute, 'POST', '/api/v1/people', { token, body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, detail: TOO_DEEP, errors: [{ path: '', message: TOO_DEEP }] });
    expect(logged).toEqual([]);
  });

  it('64 levels are read, and the endpoint answers as it would for any wrong shape', async () => {
    const res = await callRoute(createPersonRoute, 'POST', '/api/v1/people', { token, body: nestedArrays(64) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail?: string }).detail).not.toBe(TOO_DEEP);
  });

  it('half-characters are still named by path, in the body’s order', async () => {
    const lone = 'Ann \ud83d Smith';
    const body = JSON.stringify({ a: ['fine', lone], b: { '\ud800': 1, c: lone } });
    const res = await callRoute(createPersonRoute, 'POST', '/api/v1/people', { token, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['a.1', 'b.\ufffd', 'b.c']);
  });
});

/** A request whose body sends one chunk, then fails as Node's does when the client drops the connection. */
function droppedRequest(url: string, contentType: string, first: string): Request {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      sent = true;
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
  return new Request(BASE + url, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { 'content-type': contentType, host: new URL(BASE).host, authorization: `Bearer ${token}` },
  } as RequestInit);
}

describe('a request body cut off on the way', () => {
  it.each([
    ['a JSON body (readJson)', () => createPersonRoute(droppedRequest('/api/v1/people', 'application/json', '{"name":"Priya'), noParams)],
    ['an imported file (readTextBody)', () => importRoute(droppedRequest('/api/v1/import', 'text/vcard', 'BEGIN:VCARD\nFN:Priya'), noParams)],
  ])('%s: 400 "cut off", not 503 "database unavailable"; nothing logged', async (_, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, detail: 'The request body was cut off.' });
    expect(logged).toEqual([]);
  });
});
