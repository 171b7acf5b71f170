/**
 * The Content-Security-Policy for pages and API answers: scripts only with this request's nonce (and what
 * they load), no plugins, no framing, forms and connections to this origin only.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React sets style attributes (e.g. chart bar widths); styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    // The service worker (/sw.js): 'strict-dynamic' would otherwise leave workers to the nonce, which they cannot carry.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** One year: browsers keep to HTTPS for this long after they last saw the header. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * Strict-Transport-Security for a response, or null. Sent when the site is HTTPS: AUTH_URL says so, or (without
 * AUTH_URL) in production behind a trusted proxy that reports HTTPS. Browsers ignore it over plain HTTP anyway.
 * No includeSubDomains: other sites under the same domain are not ours to move to HTTPS.
 */
export function strictTransportSecurity(headers: Headers): string | null {
  const configured = process.env.AUTH_URL || process.env.NEXTAUTH_URL;
  let https = false;
  if (configured) {
    try {
      https = new URL(configured).protocol === 'https:';
    } catch {
      https = false;
    }
  } else {
    const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
    const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    https = process.env.NODE_ENV === 'production' && Number.isInteger(hops) && hops >= 1 && proto === 'https';
  }
  return https ? `max-age=${HSTS_MAX_AGE}` : null;
}
