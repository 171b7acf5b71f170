import { db } from '@/db/client';
import { pgError, UserFacingError } from '@/lib/errors';
import { undoOrganisationMerge } from '@/lib/organisations/merge';
import { undoPeopleMerge } from '@/lib/people/merge';
import { undoSectorMerge } from '@/lib/sectors/merge';
import { undoTopicMerge } from '@/lib/topics/merge';
import type { MergeKind } from '@/db/schema';
import { dropMerge, takeMerge } from '@/lib/merge-record';

/**
 * Undoes one of the user's merges within the restore window, all or nothing: NotFoundError for a merge that is
 * not theirs, undone already or expired; a 409 UserFacingError saying why when it can no longer be undone.
 */
export async function undoMerge(userId: string, mergeId: string, kind?: MergeKind): Promise<{ kind: MergeKind; keptId: string; mergedId: string }> {
  try {
    return await db.transaction(async (tx) => {
      const m = await takeMerge(tx, userId, mergeId, kind);
      if (m.kind === 'person') await undoPeopleMerge(tx, userId, m.keptId, m.mergedId, m.snapshot);
      else if (m.kind === 'organisation') await undoOrganisationMerge(tx, userId, m.keptId, m.mergedId, m.snapshot);
      else if (m.kind === 'topic') await undoTopicMerge(tx, userId, m.keptId, m.mergedId, m.snapshot);
      else await undoSectorMerge(tx, userId, m.keptId, m.mergedId, m.snapshot);
      await dropMerge(tx, userId, m.id);
      return { kind: m.kind, keptId: m.keptId, mergedId: m.mergedId };
    });
  } catch (err) {
    // A record the snapshot points at (an organisation, a sector, a topic) was removed since.
    if (pgError(err)?.code === '23503') {
      throw new UserFacingError('This merge can no longer be undone: something it linked to has been removed since.', 409);
    }
    throw err;
  }
}
