import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Runs raw SQL and returns its rows. postgres.js answers an array and PGlite an object with `rows`; this is
 * the one place that knows, so no query does.
 */
export async function rows<T extends Record<string, unknown>>(conn: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await conn.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A json or jsonb value of a row. Both drivers parse it today; a driver or setting that hands back the text instead
 * is read here, so no query checks for it itself.
 */
export function jsonValue<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
