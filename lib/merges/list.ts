import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { merges, type MergeKind, type MergeRow } from '@/db/schema';
import { deletedWithinWindow, RESTORE_WINDOW_DAYS } from '@/lib/restore-window';
import { isUuid } from '@/lib/ids';
import { listRecentMerges } from '@/lib/merge-record';

/** A merge as Settings and the banners show it. */
export interface UndoableMerge {
  id: string;
  kind: MergeKind;
  keptId: string;
  /** "Jon Smith into John Smith". */
  label: string;
  createdAt: Date;
  /** Whole days before it can no longer be undone, counting today: 1 on its last day. */
  daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function view(m: MergeRow, now = Date.now()): UndoableMerge {
  const label = typeof m.snapshot.label === 'string' ? m.snapshot.label : 'Two records';
  const daysLeft = Math.max(1, RESTORE_WINDOW_DAYS - Math.floor((now - m.createdAt.getTime()) / DAY_MS));
  return { id: m.id, kind: m.kind, keptId: m.keptId, label, createdAt: m.createdAt, daysLeft };
}

/** The user's merges that can still be undone, newest first. */
export async function listUndoableMerges(userId: string): Promise<UndoableMerge[]> {
  const now = Date.now();
  return (await listRecentMerges(userId)).map((m) => view(m, now));
}

/** One of the user's merges if it can still be undone (for the banner right after it); null otherwise. */
export async function getUndoableMerge(userId: string, id: unknown): Promise<UndoableMerge | null> {
  if (typeof id !== 'string' || !isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(merges)
    .where(and(eq(merges.userId, userId), eq(merges.id, id), deletedWithinWindow(merges.createdAt)));
  return row ? view(row) : null;
}

/**
 * The person this one was merged into, while the merge can be undone; null otherwise. A merge page opened again
 * (the phone's Back after merging) leads there rather than to "not found".
 */
export async function mergedInto(userId: string, personId: string): Promise<string | null> {
  if (!isUuid(personId)) return null;
  const [m] = await db
    .select({ keptId: merges.keptId })
    .from(merges)
    .where(and(eq(merges.userId, userId), eq(merges.kind, 'person'), eq(merges.mergedId, personId), deletedWithinWindow(merges.createdAt)))
    .orderBy(desc(merges.createdAt))
    .limit(1);
  return m?.keptId ?? null;
}
