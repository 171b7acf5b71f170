import { asc, sql } from 'drizzle-orm';
import { networkingEvents } from '@/db/schema';

/**
 * Newest event first, exactly as events_user_starts_idx stores them (starts_at DESC NULLS LAST, id): a plain
 * `desc(startsAt)` means NULLS FIRST to Postgres, which no index serves, so every user's events were sorted.
 */
export const newestEventsFirst = [sql`${networkingEvents.startsAt} desc nulls last`, asc(networkingEvents.id)] as const;
