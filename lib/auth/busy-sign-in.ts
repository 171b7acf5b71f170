import { problem } from '@/lib/api/problem';
import { PASSWORD_BUSY_MESSAGE, PasswordHasherBusy } from './password';

/** The sign-in refusal code next-auth hands back for a full password hasher (see SignInRefused). */
const BUSY_CODE = 'busy';

/** The `code` next-auth put in its answer to a refused credentials sign-in: a redirect, or `{ url }` as JSON. */
async function refusalCode(response: Response): Promise<string | null> {
  const location = response.headers.get('location');
  if (location) return new URL(location, 'http://x').searchParams.get('code');
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === 'string' ? new URL(body.url, 'http://x').searchParams.get('code') : null;
}

/**
 * next-auth answers every refused sign-in with a redirect to the sign-in page; a sign-in refused because the
 * server is hashing all the passwords it can is not the caller's fault, so it becomes 503 problem+json with
 * Retry-After (a client retries; a wrong password still redirects as before).
 */
export async function busySignInAs503(response: Response): Promise<Response> {
  if ((await refusalCode(response)) !== BUSY_CODE) return response;
  const retryAfter = new PasswordHasherBusy().retryAfterSeconds;
  return problem(503, PASSWORD_BUSY_MESSAGE, {}, { 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' });
}
