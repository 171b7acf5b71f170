import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { organisations, people, sectors } from '@/db/schema';
import { displayName } from '@/lib/people/display-name';
import { toVCard, type VCardPerson } from '@/lib/people/vcard';
import { splitName } from '@/lib/people/name-parts';
import { logError } from '@/lib/log';

const EXPORT_BATCH = 1000;

/** The query of GET /api/v1/export. */
export const exportQuerySchema = z.object({
  format: z.enum(['vcard', 'csv', 'json'], { error: 'Choose format=vcard, csv or json' }),
});

/** The user's people (not deleted) with organisation and sector names, EXPORT_BATCH at a time in id order. */
export async function* peopleBatches(userId: string, batch = EXPORT_BATCH): AsyncGenerator<VCardPerson[]> {
  let last: string | null = null;
  for (;;) {
    const found = await db
      .select({
        id: people.id,
        name: people.name,
        role: people.role,
        organisation: organisations.name,
        sector: sectors.name,
        email: people.email,
        phone: people.phone,
        links: people.links,
        notes: people.notes,
        topics: sql<string[] | null>`(select array_agg(t.name order by lower(t.name)) from person_topics pt
          join topics t on t.id = pt.topic_id and t.user_id = ${userId}::uuid
         where pt.user_id = ${userId}::uuid and pt.person_id = ${people.id})`,
        updatedAt: people.updatedAt,
      })
      .from(people)
      .leftJoin(organisations, and(eq(organisations.id, people.organisationId), eq(organisations.userId, userId)))
      .leftJoin(sectors, and(eq(sectors.id, people.effectiveSectorId), eq(sectors.userId, userId)))
      .where(and(eq(people.userId, userId), isNull(people.deletedAt), last ? gt(people.id, last) : undefined))
      .orderBy(asc(people.id))
      .limit(batch);
    if (found.length === 0) return;
    yield found.map((p) => ({
      ...p,
      displayName: displayName({ name: p.name, role: p.role, organisationName: p.organisation }),
      organisation: p.organisation ? { name: p.organisation } : null,
      sector: p.sector ? { name: p.sector } : null,
      topics: p.topics ?? [],
    }));
    if (found.length < batch) return;
    last = found.at(-1)!.id;
  }
}

/** Every person as vCard 4.0, one card each, a batch at a time. */
export async function* vcardChunks(userId: string): AsyncGenerator<string> {
  for await (const batch of peopleBatches(userId)) yield batch.map(toVCard).join('');
}

/** Google Contacts' CSV columns (the current layout), so the file imports there as it is. */
export const GOOGLE_CSV_HEADER = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Name Prefix',
  'Organization Name',
  'Organization Title',
  'Notes',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
  'Website 1 - Label',
  'Website 1 - Value',
];

/** A phone number as people.phone accepts it (lib/people/validation.ts): digits, spaces and + ( ) . / - only. */
const PHONE_SHAPED = /^[0-9+()./\s-]+$/;

/**
 * A CSV field, quoted when it must be. A value a spreadsheet would run as a formula (one starting with = + - @, a
 * tab or a carriage return) gets a leading ' so that it shows as text. In the phone column a number like
 * "+44 7700 900123" is left as it is, since it holds no letters and so can call no function; anything else there
 * is defused like every other column.
 */
export function csvField(value: string | null | undefined, column: 'phone' | 'text' = 'text'): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v) && !(column === 'phone' && PHONE_SHAPED.test(v))) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One person as a row of Google's layout. */
export function googleCsvRow(p: VCardPerson): string {
  const { prefix, given, family } = splitName(p.name);
  return [
    given,
    '',
    family,
    prefix,
    p.organisation?.name,
    p.role,
    p.notes,
    ['* myContacts', p.sector?.name, ...(p.topics ?? [])].filter(Boolean).join(' ::: '),
    p.email ? 'Work' : '',
    p.email,
    p.phone ? 'Mobile' : '',
    p.phone,
    p.links.length ? 'Profile' : '',
    p.links.join(' ::: '),
  ]
    .map((field, i) => csvField(field, GOOGLE_CSV_HEADER[i] === 'Phone 1 - Value' ? 'phone' : 'text'))
    .join(',');
}

/**
 * Every person as Google Contacts CSV, a batch at a time. The file opens with a UTF-8 byte-order mark: without one,
 * Excel on Windows reads it as the machine's legacy code page and shows "José Núñez" as "JosÃ© NÃºÃ±ez". Google
 * Contacts and Rapport's own import (lib/import/csv.ts) pass over it.
 */
export async function* csvChunks(userId: string): AsyncGenerator<string> {
  yield '\uFEFF' + GOOGLE_CSV_HEADER.join(',') + '\r\n';
  for await (const batch of peopleBatches(userId)) yield batch.map((p) => googleCsvRow(p) + '\r\n').join('');
}

/** An async generator of text as a byte stream that reads the next piece only when the client has taken the last. */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        // A failed query's error quotes its parameters, which here are the user's contacts: logError keeps its code only.
        logError('export', err);
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
