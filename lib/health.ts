import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

/** True when the database answers a trivial query within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 2000)),
    ]);
    return true;
  } catch (err) {
    console.error('Health check failed:', err instanceof Error ? err.message : err);
    return false;
  }
}
