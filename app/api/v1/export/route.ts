import { apiRoute } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { backupChunks } from '@/lib/backup/write';
import { csvChunks, exportQuerySchema, textStream, vcardChunks } from '@/lib/export/contacts';

const FORMATS = {
  vcard: { type: 'text/vcard; charset=utf-8', ext: 'vcf', chunks: vcardChunks },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv', chunks: csvChunks },
  json: { type: 'application/json; charset=utf-8', ext: 'json', chunks: backupChunks },
} as const;

/**
 * Everything out: every person as vCard 4.0 or as Google Contacts CSV, or the whole account as a JSON backup.
 * Streamed: rows are read a batch at a time as the client takes them, never all at once.
 */
export const GET = apiRoute(async (request, user) => {
  const { format } = exportQuerySchema.parse(searchParamsObject(request.url));
  const f = FORMATS[format];
  const day = new Date().toISOString().slice(0, 10);
  const name = format === 'json' ? `rapport-backup-${day}.json` : `rapport-people-${day}.${f.ext}`;
  return new Response(textStream(f.chunks(user.id)), {
    headers: { 'Content-Type': f.type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
});
