import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRoute } from '@/lib/api/handler';
import type { CurrentUser } from '@/lib/auth/users';
import { createTestUser } from '../support/users';

/*
 * A write signed in by session cookie must come from this site's origin: scheme, host and port. The host alone let
 * a page on http://rapport.example (which anyone on the network path can rewrite) write with the cookie of
 * https://rapport.example.
 */

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => session.user }));

const route = apiRoute(async () => new Response('written'));
const noParams = { params: Promise.resolve({}) } as never;
const REFUSED = 'Cross-site requests cannot change data with a session cookie.';

/** A cookie-authenticated POST to `host` that says it comes from `origin`. */
async function post(host: string, origin: string, headers: Record<string, string> = {}) {
  const res = await route(new Request(`http://${host}/api/v1/people`, { method: 'POST', headers: { host, origin, ...headers } }), noParams);
  return res.status === 403 ? ((await res.json()) as { detail: string }).detail : res.status;
}

beforeAll(async () => {
  session.user = await createTestUser();
});
afterEach(() => vi.unstubAllEnvs());

describe('session-cookie writes: same origin, scheme included', () => {
  it('with AUTH_URL, only its exact origin writes', async () => {
    vi.stubEnv('AUTH_URL', 'https://rapport.example');
    expect(await post('rapport.example', 'https://rapport.example')).toBe(200);
    expect(await post('rapport.example', 'http://rapport.example')).toBe(REFUSED);
    expect(await post('rapport.example', 'https://rapport.example:8443')).toBe(REFUSED);
    expect(await post('rapport.example', 'https://evil.example')).toBe(REFUSED);
  });

  it('without AUTH_URL, the Host header: host and port, the scheme only where a trusted proxy says it', async () => {
    vi.stubEnv('AUTH_URL', '');
    vi.stubEnv('APP_URL', '');
    expect(await post('app.example', 'https://app.example')).toBe(200);
    // A phone trying the app over http on the local network: the scheme is not known, so it is not held against it.
    expect(await post('192.168.1.20:3000', 'http://192.168.1.20:3000')).toBe(200);
    expect(await post('127.0.0.1:3000', 'http://127.0.0.1:3000')).toBe(200);
    expect(await post('127.0.0.1:3000', 'http://127.0.0.1:4000')).toBe(REFUSED);
    expect(await post('app.example', 'https://evil.example')).toBe(REFUSED);
    // Behind a trusted proxy, the scheme it says the client used.
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    expect(await post('internal:3000', 'https://app.example', { 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' })).toBe(200);
    expect(await post('internal:3000', 'http://app.example', { 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' })).toBe(REFUSED);
    // A hop that says http is no word on the scheme: host and port decide, as without a proxy.
    expect(await post('internal:3000', 'http://app.example', { 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'http' })).toBe(200);
  });

  it('no Origin, or one that is not a URL, is refused', async () => {
    vi.stubEnv('AUTH_URL', 'https://rapport.example');
    expect(await post('rapport.example', 'null')).toBe(REFUSED);
    const res = await route(new Request('http://rapport.example/api/v1/people', { method: 'POST' }), noParams);
    expect(res.status).toBe(403);
  });
});
