import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import proxy from '@/proxy';

const ask = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));

describe('Strict-Transport-Security', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is sent on pages and redirects when AUTH_URL is https', () => {
    vi.stubEnv('AUTH_URL', 'https://rapport.example');
    expect(ask('https://rapport.example/sign-in').headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(ask('https://rapport.example/events').headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('is not sent for a plain-HTTP site', () => {
    vi.stubEnv('AUTH_URL', 'http://localhost:3000');
    expect(ask('http://localhost:3000/sign-in').headers.get('strict-transport-security')).toBeNull();
  });

  it('without AUTH_URL, only in production behind a trusted proxy that reports HTTPS', () => {
    vi.stubEnv('AUTH_URL', '');
    vi.stubEnv('NODE_ENV', 'production');
    expect(ask('http://app.example/sign-in', { 'x-forwarded-proto': 'https' }).headers.get('strict-transport-security')).toBeNull();
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    expect(ask('http://app.example/sign-in', { 'x-forwarded-proto': 'https' }).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(ask('http://app.example/sign-in', { 'x-forwarded-proto': 'http' }).headers.get('strict-transport-security')).toBeNull();
  });
});
