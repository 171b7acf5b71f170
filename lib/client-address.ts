/**
 * The client's address, or null when it cannot be known. X-Forwarded-For is written by whoever sends the request,
 * so it is only believed when TRUST_PROXY_HOPS says how many proxies of ours stand in front: the address is the
 * entry that many places from the right (the one our outermost proxy saw).
 */
export function clientAddress(headers: Headers): string | null {
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
  if (!Number.isInteger(hops) || hops < 1) return null;
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const address = chain[chain.length - hops];
  return address && /^[0-9a-fA-F:.]{2,45}$/.test(address) ? address : null;
}
