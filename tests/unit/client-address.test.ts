import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientAddress } from '@/lib/client-address';

const h = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});

describe('clientAddress', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('believes nobody without a trusted proxy: the header is the client’s own to forge', () => {
    expect(clientAddress(h('203.0.113.9'))).toBeNull();
  });

  it('takes the entry our proxy added, not the ones the client sent', () => {
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9'))).toBe('203.0.113.9');
    vi.stubEnv('TRUST_PROXY_HOPS', '2');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9, 10.0.0.2'))).toBe('203.0.113.9');
    expect(clientAddress(h())).toBeNull();
    expect(clientAddress(h('not an address, x'))).toBeNull();
  });
});
