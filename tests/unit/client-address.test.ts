import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addressKey, clientAddress, PEER_ADDRESS_HEADER, PEER_ADDRESS_INSTALLED } from '@/lib/client-address';
import { installPeerAddress } from '@/lib/peer-address';

const h = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});
const flag = globalThis as { [PEER_ADDRESS_INSTALLED]?: boolean };

describe('clientAddress', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    delete flag[PEER_ADDRESS_INSTALLED];
  });

  it('believes no X-Forwarded-For without a trusted proxy: the header is the client’s own to forge', () => {
    expect(clientAddress(h('203.0.113.9'))).toBeNull();
    flag[PEER_ADDRESS_INSTALLED] = true;
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9', [PEER_ADDRESS_HEADER]: '198.51.100.4' }))).toBe('198.51.100.4');
  });

  it('does not believe the peer header unless this process stamps it', () => {
    expect(clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: '198.51.100.4' }))).toBeNull();
  });

  it('takes the entry our proxy added, not the ones the client sent', () => {
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9'))).toBe('203.0.113.9');
    vi.stubEnv('TRUST_PROXY_HOPS', '2');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9, 10.0.0.2'))).toBe('203.0.113.9');
    expect(clientAddress(h())).toBeNull();
    expect(clientAddress(h('not an address, x'))).toBeNull();
  });

  it('keys IPv6 clients by their /64, and IPv4 mapped into IPv6 as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    for (const bad of ['', '999.1.1.1', '1:2:3', '1::2::3', 'g::1', 'x'.repeat(50)]) expect(addressKey(bad)).toBeNull();
  });
});

describe('the peer-address stamp on a real HTTP server', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function serve(send: Record<string, string>) {
    installPeerAddress();
    const server = http.createServer((req, res) => {
      const headers = new Headers(req.headers as Record<string, string>);
      res.end(JSON.stringify({ address: clientAddress(headers), headers: req.headers }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: send });
      return (await res.json()) as { address: string | null; headers: Record<string, string> };
    } finally {
      server.close();
    }
  }

  it('replaces a forged peer header and drops forwarded headers when no proxy is trusted', async () => {
    const seen = await serve({
      [PEER_ADDRESS_HEADER]: '6.6.6.6',
      'x-forwarded-for': '6.6.6.7',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'https',
    });
    expect(seen.address).toBe('127.0.0.1');
    expect(seen.headers[PEER_ADDRESS_HEADER]).toBe('127.0.0.1');
    expect(seen.headers).not.toHaveProperty('x-forwarded-for');
    expect(seen.headers).not.toHaveProperty('x-forwarded-host');
    expect(seen.headers).not.toHaveProperty('x-forwarded-proto');
  });

  it('keeps forwarded headers for a trusted proxy to be read', async () => {
    vi.stubEnv('TRUST_PROXY_HOPS', '1');
    const seen = await serve({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' });
    expect(seen.address).toBe('203.0.113.9');
    expect(seen.headers['x-forwarded-proto']).toBe('https');
  });
});
