import { apiRoute, respond } from '@/lib/api/handler';
import { problem } from '@/lib/api/problem';
import { searchParamsObject } from '@/lib/api/request';
import { ImportRefusedError } from '@/lib/import/apply';
import { importPreviewResponse, importSummaryResponse } from '@/lib/import/openapi';
import { importKind, importQuerySchema, readTextBody } from '@/lib/import/request';
import { previewImport, runImport } from '@/lib/import/run';

/**
 * Imports a file sent as the body, typed by Content-Type: text/vcard, text/csv or application/json (a Rapport
 * backup). `dryRun=true` answers the row-by-row preview and writes nothing. Rows with errors refuse the whole
 * import (422, each error by line) unless `goodRows=true`; either way nothing is half-written.
 */
export const POST = apiRoute(async (request, user) => {
  const kind = importKind(request.headers.get('content-type'));
  if (!kind) return problem(415, 'Send the file as text/vcard, text/csv or application/json (a Rapport backup).');
  const query = importQuerySchema.parse(searchParamsObject(request.url));
  const text = await readTextBody(request);
  if (query.dryRun) return respond(importPreviewResponse, await previewImport(user.id, kind, text, { mapping: query.mapping }));
  try {
    const summary = await runImport(user.id, kind, text, { mapping: query.mapping, goodRows: query.goodRows });
    return respond(importSummaryResponse, summary);
  } catch (err) {
    if (err instanceof ImportRefusedError) return problem(422, err.message, { errors: err.errors });
    throw err;
  }
});
