import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The data-access layer reads the request's headers through next/headers; here they are the test's.
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({ headers: async () => requestHeaders }));
vi.mock('@/lib/auth/users', () => ({ getSessionUser: async () => null }));

const SECRET = 'session-cookie-test-secret-0123456789';

async function cookieFor(name: string, sid: string) {
  return `${name}=${await encode({ token: { sid }, secret: SECRET, salt: name })}`;
}

async function sessionIdWith(cookie: string, extra: Record<string, string> = {}) {
  requestHeaders = new Headers({ cookie, ...extra });
  vi.resetModules();
  const { getSessionId } = await import('@/lib/dal');
  return getSessionId();
}

describe('which session cookie is read', () => {
  beforeEach(() => vi.stubEnv('AUTH_SECRET', SECRET));
  afterEach(() => vi.unstubAllEnvs());

  it('over HTTPS, only the __Secure- cookie: a plain one planted from a sibling subdomain is ignored', async () => {
    vi.stubEnv('AUTH_URL', 'https://rapport.example');
    const planted = await cookieFor('authjs.session-token', 'attacker-session');
    expect(await sessionIdWith(planted)).toBeUndefined();
    const own = await cookieFor('__Secure-authjs.session-token', 'victim-session');
    expect(await sessionIdWith(`${planted}; ${own}`)).toBe('victim-session');
  });

  it('over HTTP, only the plain cookie', async () => {
    vi.stubEnv('AUTH_URL', 'http://localhost:3000');
    expect(await sessionIdWith(await cookieFor('__Secure-authjs.session-token', 's1'))).toBeUndefined();
    expect(await sessionIdWith(await cookieFor('authjs.session-token', 's2'))).toBe('s2');
  });

  it('without AUTH_URL, by the scheme the server saw (X-Forwarded-Proto)', async () => {
    vi.stubEnv('AUTH_URL', '');
    const plain = await cookieFor('authjs.session-token', 'plain');
    const secure = await cookieFor('__Secure-authjs.session-token', 'secure');
    expect(await sessionIdWith(`${plain}; ${secure}`, { 'x-forwarded-proto': 'http' })).toBe('plain');
    expect(await sessionIdWith(`${plain}; ${secure}`, { 'x-forwarded-proto': 'https' })).toBe('secure');
  });
});
