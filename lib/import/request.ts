import { z } from 'zod';
import { problem } from '@/lib/api/problem';
import { BodyError, readBody } from '@/lib/api/request';
import { CSV_FIELDS } from './csv';
import { optionalText } from '@/lib/validation/text';
import { listedFileName } from './words';

/** The largest file an import takes (a 10,000-card vCard file is about 3 MB; a backup of 100,000 people about 60). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const IMPORT_KINDS = ['vcard', 'csv', 'backup'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The import a Content-Type asks for, or null when it is not one Rapport reads. */
export function importKind(contentType: string | null): ImportKind | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/vcard' || type === 'text/x-vcard' || type === 'text/directory') return 'vcard';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/comma-separated-values') return 'csv';
  if (type === 'application/json') return 'backup';
  return null;
}

/**
 * Reads the raw body as UTF-8 text, refusing more than `maxBytes` (413) before it has all been read, and a body cut
 * off on the way (400).
 */
export async function readTextBody(request: Request, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
  const tooLarge = () => new BodyError(problem(413, `The file is over ${Math.round(maxBytes / 1024 / 1024)} MB.`));
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  if (!request.body) throw new BodyError(problem(400, 'The body is empty: send the file itself.'));
  const bytes = await readBody(request.body, maxBytes, tooLarge);
  // Fewer bytes than the request said it carried: the body was cut short on the way (a dropped connection, or a
  // layer that copies bodies only so far). A part of a file must not be imported as if it were the whole.
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && bytes.byteLength < declared)
    throw new BodyError(problem(400, 'The file arrived cut short; nothing was imported. Try again.'));
  const text = bytes.toString('utf8');
  if (!text.trim()) throw new BodyError(problem(400, 'The file is empty.'));
  return text;
}

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** The query of POST /api/v1/import. */
export const importQuerySchema = z.object({
  dryRun: flag.describe('true: answer what would happen (with a row-by-row preview) and write nothing'),
  goodRows: flag.describe('true: import the rows that can be imported even when others have errors; otherwise any error writes nothing (422)'),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const fields = s.split(',').map((f) => f.trim());
      const bad = fields.find((f) => !(CSV_FIELDS as readonly string[]).includes(f));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not a field; use ${CSV_FIELDS.join(', ')}` });
        return z.NEVER;
      }
      return fields as (typeof CSV_FIELDS)[number][];
    })
    .describe(`For a CSV of a layout Rapport does not know: what each column holds, in order, comma-separated (${CSV_FIELDS.join(', ')})`),
});

/** The body of POST /api/v1/import/stream: the page's confirmed import, its progress streamed back. */
export const importStreamSchema = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  content: z.string().min(1, 'The file is empty').max(MAX_IMPORT_BYTES),
  mapping: z.array(z.enum(CSV_FIELDS)).max(500).optional(),
  sectors: z
    .record(z.string().regex(/^\d+$/), z.string().max(200))
    .optional()
    .default({})
    .describe(
      "The preview's sector choices: line → sector name ('' for none). An organisation with no sector learns the one chosen for its rows (the most common, ties to the first row) and keeps one it has; a person whose sector is their organisation's follows it",
    ),
  goodRows: z.boolean().optional().default(false),
  // A longer name is cut (listedFileName), not a reason to refuse the import it labels.
  fileName: z
    .preprocess((v) => (typeof v === 'string' ? listedFileName(v) : v), optionalText(255, 'The file name', { oneLine: true }))
    .describe('The file imported, as Settings → Import lists it afterwards (cut to 255 characters)'),
});
export type ImportStreamInput = z.output<typeof importStreamSchema>;
