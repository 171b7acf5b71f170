const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * This site's origin for absolute links (feeds, Open Graph, calendar descriptions, API answers). AUTH_URL when it
 * is set, as it should be in production. Otherwise the request's host; forwarded headers only count behind a
 * trusted proxy (TRUST_PROXY_HOPS), so a client cannot put another site's name into links that caches keep.
 */
export function siteOrigin(headers: Headers): string {
  const configured = process.env.AUTH_URL || process.env.APP_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      /* fall through to the request */
    }
  }
  const behindProxy = Number(process.env.TRUST_PROXY_HOPS ?? 0) >= 1;
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim();
  const forwardedHost = behindProxy ? first('x-forwarded-host') : undefined;
  const host = [forwardedHost, headers.get('host')].find((h) => h && HOST.test(h)) ?? 'localhost';
  const forwardedProto = behindProxy ? first('x-forwarded-proto') : undefined;
  const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : /^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https';
  return `${proto}://${host}`;
}
