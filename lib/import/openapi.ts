import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { exportQuerySchema } from '@/lib/export/contacts';
import { CSV_FIELDS } from './csv';
import { importQuerySchema, importStreamSchema } from './request';

const rowError = z.object({ line: z.number().int().describe('1-based line of the file'), message: z.string() });
/** What an import did (POST /api/v1/import, and the `result` line of the stream). */
export const importSummaryResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  skippedBy: z
    .record(z.string(), z.number().int())
    .optional()
    .describe('A backup’s skipped rows by table, each already in the account (`{"sectors": 12}`: its default sectors, found by name); absent for contacts'),
  errors: z.array(rowError).describe('Rows left out, each by line and why: a row with no name, role or organisation, or one that cannot be read'),
  notes: z
    .array(z.string())
    .optional()
    .describe(
      'Rows written otherwise than the file has them, and why ("Line 10: Email ‘sofia@example’ is not an address: kept in the notes"; a backup: a published post that names someone who asked not to be named comes back a draft)',
    ),
  blankLines: z.number().int().optional().describe('A CSV’s rows with every cell empty, passed over (absent when none)'),
  undoId: z
    .uuid()
    .optional()
    .describe('A contacts import that created or updated anyone: POST /api/v1/import/{undoId}/undo undoes it, for 30 days (absent for a backup)'),
});
/** What undoing an import did (POST /api/v1/import/{id}/undo). */
export const undoImportResponse = z.object({
  removed: z.number().int().describe('People it created, now in Settings → Deleted (restorable there for 30 days)'),
  reverted: z.number().int().describe('People it updated, given back what they had'),
  kept: z.number().int().describe('People it created or updated whom you have changed, met or written about since: left as they are'),
  organisations: z.number().int().describe('Organisations it created that nobody is at any more, removed (restoring one of their people brings theirs back)'),
  inDeleted: z
    .number()
    .int()
    .describe('Of those removed, how many are in Deleted now (all of them, just after the undo): POST /api/v1/import/{id}/restore brings them back'),
  toRedo: z
    .number()
    .int()
    .describe('Of those given back what they had, how many POST /api/v1/import/{id}/restore would give the import’s values again (none once restored)'),
  reapplied: z
    .number()
    .int()
    .describe('Of those given back what they had, how many a restore has given the import’s values again since (0 from the undo itself)'),
});
/** What bringing back an undone import's people did (POST /api/v1/import/{id}/restore). */
export const restoreImportResponse = z.object({
  restored: z.number().int().describe('People the undo sent to Deleted, back now with their organisations (none when asked again)'),
  reapplied: z.number().int().describe('People it updated who have its values again (those changed since the undo keep theirs; none when asked again)'),
  skipped: z
    .number()
    .int()
    .describe(
      'People left in Deleted because someone with their email, or their name at their organisation, is in your contacts now (the file imported again)',
    ),
});
/** The row-by-row preview of a dry run (POST /api/v1/import?dryRun=true). */
export const importPreviewResponse = importSummaryResponse.extend({
  kind: z.enum(['vcard', 'csv', 'backup']),
  rows: z.array(
    z.object({
      line: z.number().int(),
      action: z.enum(['create', 'update', 'skip']),
      reason: z.string(),
      name: z.string().nullable().optional(),
      organisation: z.string().nullable().optional(),
      role: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
      topics: z.array(z.string()).optional().describe('Topics the row adds to the person (CATEGORIES, labels)'),
      sector: z
        .string()
        .nullable()
        .optional()
        .describe("Suggested: a category naming one of your sectors, else the known organisation's, else (a new person) a guess"),
      sectorFromOrganisation: z.boolean(),
      sectorGuess: z.string().optional().describe('Why the sector was guessed, when it was: "from the .gov.uk email"'),
      filedUnder: z
        .object({
          key: z.string(),
          name: z.string(),
          writtenAs: z
            .string()
            .optional()
            .describe('The file’s own spelling, when it writes one organisation otherwise ("HM Revenue & Customs" for your "HM Revenue and Customs")'),
        })
        .nullable()
        .optional()
        .describe(
          'The organisation the row files its person under, as the import finds it (`key` is `id:…` for one you have, by its name, one merged into it or the same name written otherwise, or `new:…`; `name` its own name); null when the person stays at an organisation of their own',
        ),
      warnings: z
        .array(z.string())
        .optional()
        .describe('What of the row is written otherwise than the file has it, and why (a value that cannot be its field is kept in the notes)'),
    }),
  ),
  sectors: z.array(z.string()),
  layout: z.enum(['google', 'outlook', 'linkedin', 'other']).optional(),
  needsMapping: z.boolean().optional().describe('A CSV whose layout is not known: send `mapping`'),
  header: z.array(z.string()).optional(),
  sample: z.array(z.array(z.string())).optional(),
  mapping: z.array(z.enum(CSV_FIELDS)).optional().describe('The mapping used, or a guess to confirm'),
});
const problemWithRows = z.object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), errors: z.array(rowError) });

export const importExportEndpoints: EndpointDoc[] = [
  {
    method: 'post',
    path: '/api/v1/import',
    summary:
      'Import contacts or restore a backup: the body is the file itself. People are matched by email, or by name at the same organisation, and updated (empty fields filled) or skipped, never duplicated; importing the same file twice creates nothing.',
    tags: ['Import and export'],
    query: importQuerySchema,
    fileBody: {
      contentTypes: ['text/vcard', 'text/csv', 'application/json'],
      description: 'vCard 2.1/3.0/4.0; Google, Outlook or LinkedIn CSV (others with `mapping`); or a Rapport backup (format "rapport-backup", versions 1 to 8)',
    },
    responses: {
      200: { description: 'Imported (or, with dryRun, the preview)', schema: z.union([importSummaryResponse, importPreviewResponse]) },
      413: { description: 'The file is over 64 MB', schema: problemWithRows.omit({ errors: true }), contentType: 'application/problem+json' },
      415: {
        description: 'Not text/vcard, text/csv or application/json',
        schema: problemWithRows.omit({ errors: true }),
        contentType: 'application/problem+json',
      },
      422: {
        description: 'Rows with errors (each by line); nothing was written. Send goodRows=true to import the rest',
        schema: problemWithRows,
        contentType: 'application/problem+json',
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/import/stream',
    summary:
      'The import page’s confirmed import, with progress: answers application/x-ndjson lines {"done","total"} per batch written inside one transaction, then {"result"} after it commits or {"error"} after it rolls back.',
    tags: ['Import and export'],
    body: importStreamSchema,
    responses: { 200: { description: 'A stream of JSON lines', schema: z.string(), contentType: 'application/x-ndjson' } },
  },
  {
    method: 'post',
    path: '/api/v1/import/{id}/undo',
    summary:
      'Undo a contacts import (its `undoId`): the people it created are deleted (restorable for 30 days) and those it updated get back what they had, except anyone changed since. Once only.',
    tags: ['Import and export'],
    // 404 (as every path with an id): not one of your imports, undone already, or older than 30 days.
    responses: { 200: { description: 'Undone', schema: undoImportResponse } },
  },
  {
    method: 'post',
    path: '/api/v1/import/{id}/restore',
    summary:
      'Bring back together the people an undone import’s undo sent to Deleted (those still there), with their organisations, as restoring each from Deleted would. The import stays undone: those it updated keep what they have.',
    tags: ['Import and export'],
    // 404: not one of your imports, not undone, or older than 30 days.
    responses: { 200: { description: 'Restored', schema: restoreImportResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/export',
    summary:
      'Every person as vCard 4.0 (one card each) or Google Contacts CSV, or the whole account as a JSON backup ("rapport-backup", version 8) that restores through POST /api/v1/import. Streamed.',
    tags: ['Import and export'],
    query: exportQuerySchema,
    responses: {
      200: {
        description: 'The file (text/vcard, text/csv or application/json), as an attachment',
        schema: z.string(),
        contentType: ['text/vcard', 'text/csv', 'application/json'],
      },
    },
  },
];
