import 'server-only';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@/db/client';
import { getCurrentUser } from '@/lib/dal';
import type { CurrentUser } from '@/lib/auth/users';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { hit } from '@/lib/rate-limit';
import { siteOrigin } from '@/lib/site-origin';
import { problem, validationProblem } from './problem';
import { BodyError } from './request';
import { userForToken } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type ApiContext<P> = { params: Promise<P> };
type ApiHandler<P> = (request: Request, user: CurrentUser, context: ApiContext<P>) => Promise<Response>;

/**
 * Whether the request's Origin is this site. The site's host comes from siteOrigin: AUTH_URL when set, else the
 * Host header, and X-Forwarded-Host only behind a trusted proxy (a client could send any).
 */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === new URL(siteOrigin(request.headers)).host;
  } catch {
    return false;
  }
}

/**
 * Authenticates an API request, by bearer token or by session cookie, and turns every expected error into a
 * problem+json answer. Cookie-authenticated writes must come from this origin (403 otherwise).
 */
export async function authenticate(request: Request): Promise<CurrentUser | Response> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await userForToken(match[1]!) : null;
    if (!user) return problem(401, 'The API token is missing, unknown or revoked.', {}, { 'WWW-Authenticate': 'Bearer' });
    return (await writeLimited(request, user)) ?? user;
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
  // Writes one user may make per minute, by token or cookie (API_WRITE_LIMIT, default 600).
  const limit = Number(process.env.API_WRITE_LIMIT ?? 600);
  const { allowed, retryAfterSeconds } = await hit(`api-write:${user.id}`, limit, 60);
  if (allowed) return null;
  return problem(429, `More than ${limit} changes in a minute. Try again in ${retryAfterSeconds} s.`, {}, { 'Retry-After': String(retryAfterSeconds) });
}

/** Maps an error thrown by lib code to a problem response; anything unexpected is logged and hidden. */
export function errorResponse(err: unknown): Response {
  if (err instanceof BodyError) return err.response;
  if (err instanceof z.ZodError) return validationProblem(err);
  if (err instanceof VersionConflictError) return problem(409, err.message, { current: err.current });
  if (err instanceof NotFoundError) return problem(404, err.message);
  if (err instanceof UserFacingError) {
    const errors = err.fieldErrors
      ? Object.entries(err.fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })))
      : undefined;
    return problem(err.status, err.message, errors ? { errors } : {});
  }
  if (isDatabaseUnavailable(err)) {
    console.error('API error: the database is unavailable', (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code);
    return problem(503, 'The database is briefly unavailable. Try again shortly: a retry with the same Idempotency-Key never saves twice.', {}, { 'Retry-After': '5' });
  }
  console.error('API error', err);
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
      return errorResponse(err);
    }
  };
}

/** A JSON response that is never cached. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** Parses a route's `id` parameter as a UUID; anything else is a 404, like a missing row. */
export function parseId(id: string | undefined): string {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}
