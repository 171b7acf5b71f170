import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, strictTransportSecurity } from '@/lib/security-headers';

// Pages anyone may see. API routes and calendar feeds answer 401 themselves rather than redirecting.
const PUBLIC = [/^\/sign-in(\/|$)/, /^\/sign-up(\/|$)/, /^\/u\//, /^\/api\//, /^\/calendar\//];

// Responses that carry a stricter CSP of their own (the sandboxed HTML export): the proxy leaves theirs alone.
const OWN_CSP = [/^\/posts\/[^/]+\/export$/];

// next-auth's session cookie: __Secure- over HTTPS, and split into .0, .1… when large.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * A convenience, not the security boundary: it redirects visitors without a session cookie to /sign-in
 * (every page checks the session itself, lib/dal.ts) and sets a per-request CSP nonce that Next.js puts on its
 * scripts. It only looks for the cookie: decrypting it here too (as next-auth's auth() wrapper does, and then
 * encrypting a fresh copy) would double the cost of every request for a check the page makes anyway.
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== 'production');
  const signedIn = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  const hsts = strictTransportSecurity(request.headers);

  if (!signedIn && !PUBLIC.some((re) => re.test(pathname))) {
    const url = new URL('/sign-in', request.nextUrl);
    if (pathname !== '/') url.searchParams.set('callbackUrl', pathname + search);
    const res = NextResponse.redirect(url);
    res.headers.set('Content-Security-Policy', csp);
    if (hsts) res.headers.set('Strict-Transport-Security', hsts);
    return res;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Lets requireUser() send a visitor with a dead session back here after signing in.
  requestHeaders.set('x-pathname', pathname + search);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  if (!OWN_CSP.some((re) => re.test(pathname))) res.headers.set('Content-Security-Policy', csp);
  if (hsts) res.headers.set('Strict-Transport-Security', hsts);
  return res;
}

// Not the imports either: a proxy makes Next.js copy the body for it, up to 10 MB, and hand the route only that copy,
// so a 60 MB backup or a 12 MB LinkedIn export arrived cut short and was imported in part, reported as a success.
// They answer JSON to signed-in callers, which is all the proxy would have added headers to.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|manifest.webmanifest|apple-icon.png|icons/|sw.js|api/v1/import).*)'],
};
