// @ts-check
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

/**
 * next-auth needs AUTH_SECRET. A fresh clone has none, so one is made on first start and kept in
 * .data/auth-secret (gitignored, beside the embedded database); set AUTH_SECRET to override it.
 */
function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(__dirname, '.data', 'auth-secret');
  try {
    process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      process.env.AUTH_SECRET = secret;
    } catch {
      process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
}
ensureAuthSecret();

/** Headers for responses the proxy does not see (static assets); pages and API routes get theirs in proxy.ts. */
const baseHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

const ciBuild = process.env.RAPPORT_CI_BUILD === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a second checkout process (tests, a helper) build beside `next dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // .ci/run builds once, on a clean clone it then throws away, right after `npm run typecheck` (next typegen && tsc)
  // passed: that build need not check the types again, nor write Turbopack's cache for a next build.
  typescript: { ignoreBuildErrors: ciBuild },
  experimental: { turbopackFileSystemCacheForBuild: !ciBuild },
  // `npm run dev` prints localhost; opening 127.0.0.1 instead must not silently stop hydration.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  reactStrictMode: true,
  // PGlite ships WebAssembly and extension bundles that must stay on disk, not in a bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'],
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  async headers() {
    return [
      { source: '/:path*', headers: baseHeaders },
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        // The service worker: always checked for a new version (never served from the HTTP cache), and bound by its
        // own CSP, which allows it to fetch this origin and nothing else.
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache, max-age=0' },
          { key: 'Content-Type', value: 'text/javascript; charset=utf-8' },
          { key: 'Content-Security-Policy', value: "default-src 'self'; script-src 'self'; object-src 'none'" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
