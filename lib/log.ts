import { pgError } from '@/lib/errors';

/**
 * What may be printed about an error: its kind, the Postgres code and constraint, and where in our code it
 * happened. Never its values. Drizzle's query errors carry the statement's parameters (notes, emails, password
 * hashes) in `params` and in their message, and Postgres messages and details quote the offending value
 * ('Key (email)=(…) already exists', 'invalid input syntax for type uuid: "…"'), so for anything that came from
 * the database only the code and the constraint are kept.
 */
export interface ErrorSummary {
  name: string;
  code?: string;
  constraint?: string;
  message?: string;
  at?: string[];
}

/** True when the error, or any error in its `cause` chain, came from a database query. */
function fromDatabase(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const o = e as { name?: unknown; params?: unknown; query?: unknown; code?: unknown; severity?: unknown };
    if ('params' in o || 'query' in o || 'severity' in o || o.name === 'DrizzleQueryError' || o.name === 'PostgresError') return true;
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The stack's frames without its first line (which repeats the message). */
function frames(err: Error): string[] | undefined {
  const lines = err.stack?.split('\n').filter((l) => /^\s+at /.test(l));
  return lines?.length ? lines.slice(0, 8).map((l) => l.trim()) : undefined;
}

/** Reduces an error to what is safe to log: see ErrorSummary. */
function summariseError(err: unknown): ErrorSummary {
  if (!(err instanceof Error)) return { name: typeof err };
  const pg = pgError(err);
  const summary: ErrorSummary = { name: err.name };
  if (pg?.code) summary.code = pg.code;
  if (pg?.constraint) summary.constraint = pg.constraint;
  // Messages of our own code (a TypeError, a failed assertion) help and hold no user data; a database's never.
  if (!fromDatabase(err)) summary.message = err.message.slice(0, 300);
  summary.at = frames(err);
  return summary;
}

/**
 * Logs an unexpected error with where it happened (`where`: an action's name or a route) and the summary of the
 * error, as one JSON line. The only error logger server code uses.
 */
export function logError(where: string, err: unknown): void {
  console.error(JSON.stringify({ level: 'error', where, error: summariseError(err) }));
}
