import { apiRoute, parseId, respond } from '@/lib/api/handler';
import { undoImportResponse } from '@/lib/import/openapi';
import { undoImport } from '@/lib/import/undo';

/**
 * Undoes one of the user's contacts imports (the `undoId` its summary gave): its new people go to Deleted, and those
 * it updated get back what they had, unless changed since. Another user's import, or one undone already, is 404.
 */
export const POST = apiRoute<{ id: string }>(async (_request, user, { params }) => {
  const id = parseId((await params).id);
  return respond(undoImportResponse, await undoImport(user.id, id));
});
