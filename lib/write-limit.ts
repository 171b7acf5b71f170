import 'server-only';
import { hit } from '@/lib/rate-limit';

/** Writes one user may make per minute, through the API and the forms together (API_WRITE_LIMIT, default 600). */
function writeLimit(): number {
  return Number(process.env.API_WRITE_LIMIT ?? 600);
}

/**
 * Counts one write against the user's per-minute allowance, shared by the API (lib/api/handler.ts) and the server
 * actions (lib/actions/form-action.ts) under one key, in Postgres so every app server sees the same count. Null
 * when allowed, else the refusal's message and when to try again.
 */
export async function countWrite(userId: string): Promise<{ message: string; retryAfterSeconds: number } | null> {
  const limit = writeLimit();
  const { allowed, retryAfterSeconds } = await hit(`api-write:${userId}`, limit, 60);
  if (allowed) return null;
  return { message: `More than ${limit} changes in a minute. Try again in ${retryAfterSeconds} s.`, retryAfterSeconds };
}
