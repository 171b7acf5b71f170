import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { backupChunks } from '@/lib/backup/write';
import { csvChunks, vcardChunks } from '@/lib/export/contacts';
import { previewImport, runImport } from '@/lib/import/run';
import { undoMerge } from '@/lib/merges/undo';
import { mergePeople } from '@/lib/people/merge';
import { createPerson, getPerson, updatePerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { createPersonSchema, searchParamsSchema } from '@/lib/people/validation';
import { createTestUser } from '../support/users';

const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};
const byTopic = async (userId: string, topic: string) => (await searchPeople(userId, searchParamsSchema.parse({ topic }))).items.map((p) => p.name).sort();
const countPeople = async (userId: string) => (await rows<{ n: number }>(db, sql`select count(*)::int as n from people where user_id = ${userId}::uuid`))[0]!.n;

const CARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Aoife Byrne',
  'ORG:Harbour Trust',
  'EMAIL:aoife@harbour.example',
  // "Media" names one of the user's sectors: it sets the sector; the others become her topics.
  'CATEGORIES:Media,Open data,Tide tables\\, charts',
  'END:VCARD',
  '',
].join('\r\n');

describe('a person’s own topics', () => {
  it('vCard CATEGORIES import as topics, show in the preview, are searched and filtered, and export back', async () => {
    const user = await createTestUser();
    const preview = await previewImport(user.id, 'vcard', CARD);
    expect(preview.rows[0]).toMatchObject({ action: 'create', sector: 'Media', topics: ['Open data', 'Tide tables, charts'] });
    expect(await runImport(user.id, 'vcard', CARD)).toMatchObject({ created: 1 });
    const [row] = await rows<{ id: string }>(db, sql`select id from people where user_id = ${user.id}::uuid`);
    const person = await getPerson(user.id, row!.id);
    expect(person.topics).toEqual(['Open data', 'Tide tables, charts']);
    expect(person.sector?.name).toBe('Media');
    expect(person.notes ?? '').not.toContain('Topics:');
    expect(await byTopic(user.id, 'open  DATA')).toEqual(['Aoife Byrne']);
    expect((await searchPeople(user.id, searchParamsSchema.parse({ q: 'tide' }))).items.map((p) => p.name)).toEqual(['Aoife Byrne']);

    const vcard = await all(vcardChunks(user.id));
    expect(vcard).toContain('CATEGORIES:Media,Open data,Tide tables\\, charts\r\n');
    const csv = await all(csvChunks(user.id));
    expect(csv).toContain('"* myContacts ::: Media ::: Open data ::: Tide tables, charts"'); // Google's Labels, one field

    // The same file again, and Rapport's own export of it, create nothing and add nothing.
    expect(await runImport(user.id, 'vcard', CARD)).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    expect(await runImport(user.id, 'vcard', vcard)).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    expect(await countPeople(user.id)).toBe(1);
    expect((await getPerson(user.id, row!.id)).topics).toEqual(['Open data', 'Tide tables, charts']);

    // Into another account: the round trip keeps the topics.
    const other = await createTestUser();
    await runImport(other.id, 'vcard', vcard);
    expect(await byTopic(other.id, 'Tide tables, charts')).toEqual(['Aoife Byrne']);
  });

  it('a card with a new category updates the person with just that topic', async () => {
    const user = await createTestUser();
    await runImport(user.id, 'vcard', CARD);
    const more = CARD.replace('CATEGORIES:Media,Open data,Tide tables\\, charts', 'CATEGORIES:open data,Lighthouses');
    const preview = await previewImport(user.id, 'vcard', more);
    expect(preview.rows[0]).toMatchObject({ action: 'update', topics: ['Lighthouses'] });
    expect(preview.rows[0]!.reason).toContain('topics');
    await runImport(user.id, 'vcard', more);
    const [row] = await rows<{ id: string }>(db, sql`select id from people where user_id = ${user.id}::uuid`);
    expect((await getPerson(user.id, row!.id)).topics).toEqual(['Lighthouses', 'Open data', 'Tide tables, charts']);
  });

  it('are set on the person form, replaced on edit, and kept apart from other users', async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const p = await createPerson(user.id, createPersonSchema.parse({ name: 'Sam Hart', topics: ['Procurement', ' procurement ', 'Cloud'] }));
    expect(p.topics).toEqual(['Cloud', 'Procurement']);
    const saved = await updatePerson(user.id, p.id, { topics: ['Cloud', 'Buses'], version: p.version });
    expect(saved.topics).toEqual(['Buses', 'Cloud']);
    expect(await byTopic(user.id, 'procurement')).toEqual([]);
    expect(await byTopic(user.id, 'buses')).toEqual(['Sam Hart']);
    expect(await byTopic(stranger.id, 'buses')).toEqual([]);
    expect(createPersonSchema.safeParse({ name: 'X', topics: ['x'.repeat(61)] }).success).toBe(false);
  });

  it('travel through a merge of people, and undo takes back only what the merge added', async () => {
    const user = await createTestUser();
    const a = await createPerson(user.id, createPersonSchema.parse({ name: 'Ana Silva', topics: ['Rail'] }));
    const b = await createPerson(user.id, createPersonSchema.parse({ name: 'Ana S.', topics: ['Rail', 'Ports'] }));
    const merged = await mergePeople(user.id, { keepId: a.id, otherId: b.id, keepVersion: a.version, otherVersion: b.version });
    expect(merged.topics).toEqual(['Ports', 'Rail']);
    expect(await byTopic(user.id, 'ports')).toEqual(['Ana Silva']);
    await undoMerge(user.id, merged.mergeId);
    expect((await getPerson(user.id, a.id)).topics).toEqual(['Rail']);
    expect((await getPerson(user.id, b.id)).topics).toEqual(['Ports', 'Rail']);
    expect(await byTopic(user.id, 'ports')).toEqual(['Ana S.']);
  });

  it('are in the backup (since version 2), and a version 1 backup still restores', async () => {
    const user = await createTestUser();
    await createPerson(user.id, createPersonSchema.parse({ name: 'Lena Vogel', topics: ['Harbours'] }));
    const backup = await all(backupChunks(user.id));
    const parsed = JSON.parse(backup) as { version: number; personTopics: unknown[] };
    expect(parsed.version).toBeGreaterThanOrEqual(2);
    expect(parsed.personTopics).toHaveLength(1);
    const restoredInto = await createTestUser();
    await runImport(restoredInto.id, 'backup', backup);
    expect(await byTopic(restoredInto.id, 'harbours')).toEqual(['Lena Vogel']);

    // Version 1 had no personTopics: what it holds restores as it did.
    const v1 = JSON.stringify({ ...JSON.parse(backup), version: 1, personTopics: undefined, interactions: undefined });
    const old = await createTestUser();
    expect(await runImport(old.id, 'backup', v1)).toMatchObject({ errors: [] });
    expect((await searchPeople(old.id, searchParamsSchema.parse({ q: 'vogel' }))).items.map((p) => p.name)).toEqual(['Lena Vogel']);
    expect(await byTopic(old.id, 'harbours')).toEqual([]);
    await expect(runImport(old.id, 'backup', JSON.stringify({ ...JSON.parse(backup), version: 99 }))).rejects.toThrow();
  });
});
