import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { restoreImportResponse } from '@/lib/import/openapi';
import { restoreUndoneImport } from '@/lib/import/undo';

/**
 * Brings back the people an undone import's undo sent to Deleted, with their organisations. Another user's import, one
 * not undone, or one past the restore window is 404; asked again, it answers `restored: 0`.
 */
export const POST = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  return respond(restoreImportResponse, await restoreUndoneImport(user.id, id));
});
