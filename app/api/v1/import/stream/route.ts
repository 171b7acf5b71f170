import { apiRoute } from '@/lib/api/handler';
import { readJson } from '@/lib/api/request';
import { ImportRefusedError } from '@/lib/import/apply';
import { importStreamSchema, MAX_IMPORT_BYTES } from '@/lib/import/request';
import { runImport } from '@/lib/import/run';
import { logError } from '@/lib/log';

/**
 * The import page's confirmed import. The answer is a stream of JSON lines: `{"done":500,"total":10000}` after
 * each batch is written inside the one transaction, then `{"result":{…}}` once it has committed, or
 * `{"error":{…}}` when it rolled back. The bar only reads "saved" after the commit: progress is real, and the
 * write stays all or nothing.
 */
export const POST = apiRoute(async (request, user) => {
  const input = importStreamSchema.parse(await readJson(request, MAX_IMPORT_BYTES + 100_000));
  const encoder = new TextEncoder();
  // A page that went away stops listening, not the import: it goes on to its commit or rollback.
  let listening = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => {
        if (!listening) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
        } catch {
          listening = false;
        }
      };
      try {
        const choices = Object.fromEntries(Object.entries(input.sectors).map(([line, sector]) => [Number(line), sector]));
        const result = await runImport(user.id, input.kind, input.content, {
          mapping: input.mapping,
          goodRows: input.goodRows,
          choices,
          source: input.fileName,
          onProgress: (done, total) => send({ done, total }),
        });
        send({ result });
      } catch (err) {
        if (err instanceof ImportRefusedError) send({ error: { message: err.message, errors: err.errors } });
        else {
          // The error of a failed insert quotes the rows it carried (names, emails, notes): logError keeps its code only.
          logError('POST /api/v1/import/stream', err);
          send({ error: { message: 'Something went wrong on our side. Nothing was imported.', errors: [] } });
        }
      }
      if (listening) controller.close();
    },
    cancel() {
      listening = false;
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
  });
});
