import { afterEach, describe, expect, it, vi } from 'vitest';
import { siteOrigin } from '@/lib/site-origin';

const h = (init: Record<string, string>) => new Headers(init);

describe('siteOrigin', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers the configured AUTH_URL over anything the request says', () => {
    vi.stubEnv('AUTH_URL', 'https://rapport.example/some/path');
    expect(siteOrigin(h({ host: 'evil.test', 'x-forwarded-host': 'evil.test' }))).toBe('https://rapport.example');
  });

  it('ignores forwarded headers unless a proxy is trusted', () => {
    vi.stubEnv('AUTH_URL', '');
    expect(siteOrigin(h({ host: 'app.example', 'x-forwarded-host': 'evil.test' }))).toBe('https://app.example');
    expect(siteOrigin(h({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    expect(siteOrigin(h({ host: 'internal:3000', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' }))).toBe('https://app.example');
  });

  it('refuses a host that is not a host name', () => {
    vi.stubEnv('AUTH_URL', '');
    expect(siteOrigin(h({ host: 'evil.test/"><script>' }))).toBe('http://localhost');
  });
});
