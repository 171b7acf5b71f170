import { logError } from '@/lib/log';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

/** True when the database answers a trivial query within two seconds. */
export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch (err) {
    logError('health', err);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
