import 'server-only';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@/db/client';
import { getCurrentUser } from '@/lib/dal';
import type { CurrentUser } from '@/lib/auth/users';
import { BusyError, NamesPrivatePeopleError, NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { siteOrigin } from '@/lib/site-origin';
import { countWrite } from '@/lib/write-limit';
import { problem, validationProblem } from './problem';
import { BodyError } from './request';
import { tokenAuth } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type ApiContext<P> = { params: Promise<P> };
type ApiHandler<P> = (request: Request, user: CurrentUser, context: ApiContext<P>) => Promise<Response>;

/**
 * Whether the request's Origin is this site: scheme, host and port, as browsers compare origins (the scheme where the
 * site's is known). The site's origin comes from siteOrigin: AUTH_URL when set, else the Host header (X-Forwarded-Host only behind a trusted proxy, as a
 * client could send any) with the scheme it implies. Comparing the host alone let a page served over plain http on
 * the same host (which anyone on the network path can rewrite) make changes with the https site's session cookie.
 */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  try {
    const from = new URL(origin);
    const site = new URL(siteOrigin(request.headers));
    // The scheme counts where the site's is known: AUTH_URL, or what a trusted proxy says the client used. Guessed
    // from the host alone, it would refuse a phone trying the app over http on the local network (its outbox sends
    // through this API). A proxy's word counts when it says https: an inner hop rewriting it to http must not lock out
    // every cookie write.
    const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const schemeKnown = Boolean(process.env.AUTH_URL || process.env.APP_URL) || (Number(process.env.TRUST_PROXY_HOPS ?? 0) >= 1 && forwarded === 'https');
    return schemeKnown ? from.origin === site.origin : from.host === site.host;
  } catch {
    return false;
  }
}

/**
 * Authenticates an API request, by bearer token or by session cookie, and turns every expected error into a
 * problem+json answer. Cookie-authenticated writes must come from this origin (403 otherwise).
 */
async function authenticate(request: Request): Promise<CurrentUser | Response> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const found = match ? await tokenAuth(match[1]!) : null;
    if (!found) {
      return problem(401, 'The API token is missing, unknown, expired or revoked.', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    if (found.scope === 'read' && !SAFE_METHODS.has(request.method)) {
      return problem(
        403,
        'This API token is read-only: it cannot change data. Create a token with write access.',
        {},
        {
          'WWW-Authenticate': 'Bearer error="insufficient_scope"',
        },
      );
    }
    return (await writeLimited(request, found.user)) ?? found.user;
  }
  const user = await getCurrentUser();
  if (!user) return problem(401, 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
    return problem(403, 'Cross-site requests cannot change data with a session cookie.');
  }
  return (await writeLimited(request, user)) ?? user;
}

/**
 * Counts a write against the user's per-minute allowance (in Postgres, so every server shares it) and answers
 * 429 past it. Reads are not counted: they change nothing and the pages read the same data.
 */
async function writeLimited(request: Request, user: CurrentUser): Promise<Response | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const refused = await countWrite(user.id);
  if (!refused) return null;
  return problem(429, refused.message, {}, { 'Retry-After': String(refused.retryAfterSeconds) });
}

/** Maps an error thrown by lib code to a problem response; anything unexpected is logged and hidden. */
function errorResponse(err: unknown, route?: string): Response {
  if (err instanceof BodyError) return err.response;
  if (err instanceof z.ZodError) return validationProblem(err);
  const errors =
    err instanceof UserFacingError && err.fieldErrors
      ? Object.entries(err.fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })))
      : undefined;
  if (err instanceof VersionConflictError) return problem(409, err.message, { current: err.current, ...(errors ? { errors } : {}) });
  if (err instanceof NotFoundError) return problem(404, err.message);
  if (err instanceof BusyError) return problem(503, err.message, {}, { 'Retry-After': String(err.retryAfterSeconds) });
  if (err instanceof NamesPrivatePeopleError) return problem(409, err.message, { named: err.named });
  if (err instanceof UserFacingError) return problem(err.status, err.message, errors ? { errors } : {});
  if (isDatabaseUnavailable(err)) {
    logError(`${route ?? 'api'}: the database is unavailable`, err);
    return problem(
      503,
      'The database is briefly unavailable. Try again shortly: a retry with the same Idempotency-Key never saves twice.',
      {},
      { 'Retry-After': '5' },
    );
  }
  logError(route ?? 'api', err);
  return problem(500, 'Something went wrong on our side. Nothing was changed.');
}

/** Wraps a route handler: the user is authenticated before it runs, and errors become problem+json. */
export function apiRoute<P = Record<string, never>>(handler: ApiHandler<P>) {
  return async (request: Request, context: ApiContext<P>): Promise<Response> => {
    try {
      const user = await authenticate(request);
      if (user instanceof Response) return user;
      return await handler(request, user, context);
    } catch (err) {
      return errorResponse(err, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}

/** A response body that does not match its documented schema: our bug, answered as a 500 and logged. */
class ResponseShapeError extends Error {
  constructor(readonly issues: string[]) {
    super(`The response does not match its documented schema at ${issues.join(', ')}`);
    this.name = 'ResponseShapeError';
  }
}

/**
 * A JSON response through its documented schema (the one the OpenAPI document shows): the value is encoded as
 * JSON would send it (dates become strings), then parsed, so a field the document does not declare is dropped
 * and a value that breaks the contract is a 500 instead of an answer a client was not promised.
 */
export function respond<S extends z.ZodType>(schema: S, value: unknown, status = 200, headers: HeadersInit = {}): Response {
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(value)));
  if (!parsed.success) throw new ResponseShapeError(parsed.error.issues.map((i) => i.path.join('.') || '(root)'));
  return json(parsed.data, status, headers);
}

/**
 * Runs a write whose stale `version` throws VersionConflictError, and passes the conflict's `current` copy through
 * the same response schema as a success, so a 409 carries the record exactly as GET shows it.
 */
export async function conflictAs<T>(schema: z.ZodType, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
    const current = schema.parse(JSON.parse(JSON.stringify(err.current)));
    throw new VersionConflictError(current, err.fieldErrors, err.message);
  }
}

/** A JSON response that is never cached. */
function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** Parses a route's `id` parameter as a UUID; anything else is a 404, like a missing row. */
export function parseId(id: string | undefined): string {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}
