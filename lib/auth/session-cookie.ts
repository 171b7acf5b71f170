/**
 * Whether this request reached the site over HTTPS, as next-auth decides it when it names the session cookie
 * (`__Secure-authjs.session-token` over HTTPS, `authjs.session-token` over HTTP): AUTH_URL's scheme when it is set,
 * as it should be in production; else the request's X-Forwarded-Proto, which the server fills from the connection
 * itself unless a proxy of ours is trusted (lib/peer-address.ts). Only the cookie of that one name is read, so a
 * plain cookie planted from a sibling subdomain over HTTP cannot sign anyone in to an HTTPS site.
 */
export function sessionCookieSecure(headers: Headers): boolean {
  const configured = process.env.AUTH_URL || process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).protocol === 'https:';
    } catch {
      /* fall through to the request */
    }
  }
  return (headers.get('x-forwarded-proto') ?? 'https').split(',')[0]!.trim().replace(/:$/, '') === 'https';
}
