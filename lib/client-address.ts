/**
 * The header the server stamps on every request with the address of the TCP peer that sent it (lib/peer-address.ts,
 * installed when the server starts). A client may send a header of that name too; the stamp replaces it.
 */
export const PEER_ADDRESS_HEADER = 'x-rapport-peer-address';

/** Set on globalThis once the stamp is installed in this process: before that, the header proves nothing. */
export const PEER_ADDRESS_INSTALLED = Symbol.for('rapport.peerAddress');

/** How many reverse proxies of ours stand in front (TRUST_PROXY_HOPS); 0 when none or not a whole number. */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 1 ? hops : 0;
}

/** Eight hextets of an IPv6 address, or null. */
function ipv6Groups(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s ? s.split(':') : []);
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups : null;
}

/**
 * One client's key for per-client limits. IPv4 as it is (an IPv4 address mapped into IPv6 too); IPv6 by its /64,
 * since one subscriber is usually given a whole /64 and could otherwise take a fresh address per attempt.
 */
export function addressKey(raw: string | null | undefined): string | null {
  let address = (raw ?? '').trim().toLowerCase().replace(/%.*$/, '');
  if (!address || address.length > 45) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) address = mapped[1]!;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    return address.split('.').every((o) => Number(o) <= 255) ? address : null;
  }
  const groups = ipv6Groups(address);
  return groups
    ? `${groups
        .slice(0, 4)
        .map((g) => g.replace(/^0+(?=.)/, ''))
        .join(':')}::/64`
    : null;
}

/**
 * The client's address (its key for per-client limits), or null when it cannot be known. Behind proxies of ours
 * (TRUST_PROXY_HOPS), the X-Forwarded-For entry that many places from the right: the one our outermost proxy saw
 * (the entries left of it are the client's own to forge). Without a proxy, the TCP peer itself, as stamped by the
 * server (lib/peer-address.ts); null if that stamp is not installed in this process.
 */
export function clientAddress(headers: Headers): string | null {
  const hops = trustedProxyHops();
  if (hops) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return addressKey(chain[chain.length - hops]);
  }
  if (!(globalThis as { [PEER_ADDRESS_INSTALLED]?: boolean })[PEER_ADDRESS_INSTALLED]) return null;
  return addressKey(headers.get(PEER_ADDRESS_HEADER));
}
