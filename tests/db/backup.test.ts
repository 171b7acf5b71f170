import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { followUps, posts } from '@/db/schema';
import { deleteAccount } from '@/lib/account/account';
import { backupChunks } from '@/lib/backup/write';
import { csvChunks, peopleBatches } from '@/lib/export/contacts';
import { batchedRows } from '@/lib/backup/write';
import { BACKUP_TABLES, BACKUP_VERSION } from '@/lib/backup/tables';
import { ImportRefusedError } from '@/lib/import/apply';
import { previewImport, runImport } from '@/lib/import/run';
import { importPreviewResponse } from '@/lib/import/openapi';
import { summaryWords } from '@/lib/import/words';
import { searchFacts, setOffTheRecord } from '@/lib/facts/queries';
import { factSearchSchema } from '@/lib/facts/validation';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/rows';
import { createInteraction, deleteInteraction } from '@/lib/interactions/queries';
import { setSectorCadence } from '@/lib/keep-in-touch/queries';
import { getPerson, patchPerson } from '@/lib/people/queries';
import { listDuplicateSuggestions } from '@/lib/people/duplicates';
import { markNotDuplicate } from '@/lib/people/not-duplicates';
import { completeFollowUp, createFollowUp } from '@/lib/follow-ups/mutations';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { mergeTopics } from '@/lib/topics/merge';
import { getPublishedPost, movedPostSlug } from '@/lib/posts/public';
import { createPostFromEventOnce, getPost, publishPost, updatePost } from '@/lib/posts/queries';
import { makeEvent, makeOrganisation, makePerson, sectorId, topicId } from '../support/fixtures';
import { createTestUser, TEST_PASSWORD } from '../support/users';

const all = async (gen: AsyncGenerator<string>) => {
  let s = '';
  for await (const c of gen) s += c;
  return s;
};

/**
 * A backup with what must differ between two accounts taken out: when it was made, who it belongs to, and the
 * sectors' ids (a new account already has the default sectors, which a restore matches by name). Rows are
 * sorted by content, so only what they hold is compared.
 */
function comparable(text: string) {
  const b = JSON.parse(text) as Record<string, unknown> & { sectors: { id: string; name: string }[] };
  const sectorName = new Map(b.sectors.map((s) => [s.id, s.name]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(b)) {
    if (key === 'exportedAt' || key === 'account') continue;
    if (!Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    out[key] = value
      .map((row: Record<string, unknown>) => {
        const r = { ...row };
        if (key === 'sectors') return { name: r.name };
        if ('sectorId' in r) r.sectorId = r.sectorId ? sectorName.get(r.sectorId as string) : null;
        return r;
      })
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

const text = fc
  .string({ unit: fc.constantFrom('a', 'B', 'é', '王', 'Ж', ' ', ',', ';', '\n', '"', '\\', '1'), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim().length > 0);

const accountArb = fc.record({
  orgs: fc.uniqueArray(fc.record({ name: text, sector: fc.option(fc.constantFrom('Government', 'Media', 'Custom sector'), { nil: undefined }) }), {
    maxLength: 3,
    selector: (o) => o.name.replace(/\s+/g, ' ').trim().toLowerCase(),
  }),
  people: fc.array(
    fc.record({
      name: fc.option(text, { nil: null }),
      org: fc.nat(4),
      notes: fc.option(text, { nil: undefined }),
      keepPrivate: fc.boolean(),
      deleted: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
  events: fc.array(
    fc.record({
      title: text,
      topics: fc.uniqueArray(fc.constantFrom('cloud', 'AI', 'open data'), { maxLength: 2 }),
      met: fc.array(fc.nat(5), { maxLength: 3 }),
      followUp: fc.option(text, { nil: undefined }),
      post: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
});

describe('backup', () => {
  it('backup → restore into an empty account → backup is equal, for generated accounts', async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, async (account) => {
        const a = await createTestUser();
        const orgIds = [];
        for (const o of account.orgs) orgIds.push((await makeOrganisation(a.id, o.name.trim(), o.sector)).id);
        const personIds: string[] = [];
        for (const p of account.people) {
          const made = await makePerson(a.id, {
            name: p.name?.trim() || 'Someone',
            organisationId: orgIds[p.org] ?? null,
            notes: p.notes,
            keepPrivate: p.keepPrivate,
          });
          personIds.push(made.id);
        }
        for (const [i, e] of account.events.entries()) {
          const who = [...new Set(e.met.map((m) => personIds[m]).filter((x): x is string => !!x))];
          const event = await makeEvent(a.id, {
            title: e.title,
            startsAt: new Date(Date.UTC(2026, 0, 1 + i, 18)),
            topics: e.topics,
            people: who.map((personId) => ({ personId, topics: e.topics.slice(0, 1), notes: 'spoke\nat length' })),
            insights: who.length ? [{ text: `fact ${i}`, personId: who[0] }] : [],
          });
          if (e.followUp)
            await db.insert(followUps).values({ userId: a.id, action: e.followUp, personId: who[0] ?? null, eventId: event.id, dueOn: '2026-02-01' });
          if (e.post)
            await db.insert(posts).values({ userId: a.id, eventId: event.id, title: e.title, slug: `post-${i}`, bodyMarkdown: `# ${e.title}\n\nbody` });
        }
        const first = await all(backupChunks(a.id));
        // The original account goes, so the restore keeps the backup's own ids (nothing collides).
        await deleteAccount(a.id, { confirmEmail: a.email, currentPassword: TEST_PASSWORD });
        const b = await createTestUser();
        await runImport(b.id, 'backup', first);
        const second = await all(backupChunks(b.id));
        expect(comparable(second)).toEqual(comparable(first));
        // Restoring the same backup again creates nothing.
        expect(await runImport(b.id, 'backup', first)).toMatchObject({ created: 0 });
        expect(await all(backupChunks(b.id)).then(comparable)).toEqual(comparable(first));
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('restores beside the account it came from with new ids, and people are searchable again', async () => {
    const a = await createTestUser();
    const org = await makeOrganisation(a.id, 'Leeds City Council', 'Government');
    const p = await makePerson(a.id, { name: 'Priya Shah', organisationId: org.id });
    await makeEvent(a.id, { title: 'Council tech day', topics: ['cloud'], people: [{ personId: p.id }] });
    const backup = await all(backupChunks(a.id));
    const b = await createTestUser();
    const preview = await previewImport(b.id, 'backup', backup);
    expect(preview.created).toBeGreaterThan(0);
    expect((await searchPeople(b.id, searchParamsSchema.parse({ q: 'priya' }))).total).toBe(0);
    await runImport(b.id, 'backup', backup);
    const found = await searchPeople(b.id, searchParamsSchema.parse({ q: 'council tech' }));
    expect(found.items.map((i) => i.name)).toEqual(['Priya Shah']);
    expect(found.items[0]!.id).not.toBe(p.id);
    // Restored again (a retry, a second tap) while the account it came from still has the ids: nothing is made twice.
    expect(await runImport(b.id, 'backup', backup)).toMatchObject({ created: 0 });
    expect((await searchPeople(b.id, searchParamsSchema.parse({ q: 'priya' }))).total).toBe(1);
    expect(await rows(db, sql`select count(*)::int as n from events where user_id = ${b.id}::uuid`)).toEqual([{ n: 1 }]);
    expect((await searchPeople(a.id, searchParamsSchema.parse({ q: 'priya' }))).items.map((i) => i.id)).toEqual([p.id]);
  });

  it('carries a published post’s old addresses: restored, links to them lead to the post again', async () => {
    const a = await createTestUser();
    const event = await makeEvent(a.id, { title: 'Fintech breakfast' });
    const { post } = await createPostFromEventOnce(a.id, event.id, { style: 'narrative', timeZone: 'Europe/London' });
    await publishPost(a.id, post.id);
    await updatePost(a.id, post.id, { slug: 'fintech-notes', version: (await getPost(a.id, post.id)).version });
    expect(await movedPostSlug(a.id, post.slug)).toBe('fintech-notes');
    const b = await createTestUser();
    await runImport(b.id, 'backup', await all(backupChunks(a.id)));
    expect(await movedPostSlug(b.id, post.slug)).toBe('fintech-notes');
    expect((await getPublishedPost(b.id, 'fintech-notes'))?.title).toBe(post.title);
  });

  it('says what the skipped rows were, by kind: a new account’s default sectors, then everything on a second restore', async () => {
    const a = await createTestUser();
    const org = await makeOrganisation(a.id, 'Leeds City Council', 'Government');
    const p = await makePerson(a.id, { name: 'Priya Shah', organisationId: org.id });
    await makeEvent(a.id, { title: 'Council tech day', topics: ['cloud'], people: [{ personId: p.id }] });
    const backup = await all(backupChunks(a.id));
    const b = await createTestUser();
    const [counted] = await rows<{ n: number }>(db, sql`select count(*)::int as n from sectors where user_id = ${b.id}::uuid`);
    const defaults = counted!.n;
    expect(defaults).toBeGreaterThan(1);
    const preview = await previewImport(b.id, 'backup', backup);
    expect(preview).toMatchObject({ skipped: defaults, skippedBy: { sectors: defaults } });
    expect(summaryWords(preview, true)).toContain(`, ${defaults} to skip (${defaults} sectors already here)`);
    // The page reads the preview through the API, whose answer is only what its schema describes.
    expect(importPreviewResponse.parse(JSON.parse(JSON.stringify(preview))).skippedBy).toEqual({ sectors: defaults });
    await runImport(b.id, 'backup', backup);
    const again = await runImport(b.id, 'backup', backup);
    expect(again).toMatchObject({ created: 0 });
    expect(again.skippedBy).toEqual({ sectors: defaults, organisations: 1, people: 1, events: 1, topics: 1, encounters: 1, eventTopics: 1 });
    expect(again.skipped).toBe(defaults + 6);
    expect(summaryWords(again)).toBe(
      `0 created, 0 updated, ${defaults + 6} skipped (${defaults} sectors, 1 organisation, 1 person, 1 event, 1 topic, 1 person met at an event and 1 topic of an event already here)`,
    );
  });

  it('a name merged into an organisation or a topic of the account means that one: the restore does not make the merged one anew', async () => {
    const a = await createTestUser();
    const beebA = await makeOrganisation(a.id, 'Beeb', 'Media');
    const jo = await makePerson(a.id, { name: 'Jo Park', organisationId: beebA.id });
    await makeEvent(a.id, { title: 'Salon', topics: ['Device policy'], people: [{ personId: jo.id }] });
    const backup = await all(backupChunks(a.id));

    const b = await createTestUser();
    const bbc = await makeOrganisation(b.id, 'BBC', 'Media');
    await mergeOrganisations(b.id, bbc.id, (await makeOrganisation(b.id, 'Beeb')).id);
    await makeEvent(b.id, { title: 'Forum', topics: ['BYOD', 'Device policy'] });
    await mergeTopics(b.id, await topicId(b.id, 'Device policy'), await topicId(b.id, 'BYOD'));
    await runImport(b.id, 'backup', backup);

    const live = await rows<{ name: string }>(db, sql`select name from organisations where user_id = ${b.id}::uuid and deleted_at is null`);
    expect(live.map((o) => o.name)).toEqual(['BBC']);
    const [restored] = await rows<{ organisation_id: string }>(db, sql`select organisation_id::text from people where user_id = ${b.id}::uuid`);
    expect(restored!.organisation_id).toBe(bbc.id);
    const links = await rows<{ title: string; topic: string }>(
      db,
      sql`select e.title, t.name as topic from event_topics l join events e on e.id = l.event_id join topics t on t.id = l.topic_id
           where l.user_id = ${b.id}::uuid order by e.title`,
    );
    expect(links).toEqual([
      { title: 'Forum', topic: 'BYOD' },
      { title: 'Salon', topic: 'BYOD' },
    ]);
  });

  it('carries cadences, sector defaults and logged contacts (deleted ones too); the due dates are computed again', async () => {
    const a = await createTestUser();
    const sector = await sectorId(a.id, 'Quarterly folk');
    const [sv] = await rows<{ version: number }>(db, sql`select version from sectors where id = ${sector}::uuid`);
    await setSectorCadence(a.id, sector, { unit: 'months', every: 3 }, sv!.version);
    const own = await makePerson(a.id, { name: 'Own Cadence' });
    const bySector = await makePerson(a.id, { name: 'By Sector', sector: 'Quarterly folk' });
    await patchPerson(a.id, own.id, { keepInTouch: { unit: 'days', every: 45 }, version: own.version });
    await createInteraction(a.id, { personId: own.id, kind: 'coffee', occurredOn: '2026-03-01', note: 'Flat white' });
    const gone = await createInteraction(a.id, { personId: own.id, kind: 'call', occurredOn: '2026-03-20', note: null });
    await deleteInteraction(a.id, gone.id);
    await createInteraction(a.id, { personId: bySector.id, kind: 'email', occurredOn: '2026-02-10', note: null });
    const first = await all(backupChunks(a.id));
    expect(JSON.parse(first).interactions).toHaveLength(3);
    await deleteAccount(a.id, { confirmEmail: a.email, currentPassword: TEST_PASSWORD });
    const b = await createTestUser();
    await runImport(b.id, 'backup', first);
    expect(comparable(await all(backupChunks(b.id)))).toEqual(comparable(first));
    expect(await getPerson(b.id, own.id)).toMatchObject({
      keepInTouch: { unit: 'days', every: 45 },
      lastContactOn: '2026-03-01',
      nextContactDue: '2026-04-15',
    });
    expect(await getPerson(b.id, bySector.id)).toMatchObject({ keepInTouch: null, lastContactOn: '2026-02-10', nextContactDue: '2026-05-10' });
  });

  it('carries the pairs kept as two people: restored beside the account, under new ids, they are still not asked about', async () => {
    const a = await createTestUser();
    const john = await makePerson(a.id, { name: 'John Smith', email: 'js@example.test' });
    const twin = await makePerson(a.id, { name: 'John Smith', email: 'js@example.test' });
    await markNotDuplicate(a.id, john.id, twin.id);
    const backup = await all(backupChunks(a.id));
    expect(JSON.parse(backup).notDuplicates).toEqual([
      expect.objectContaining({ personId: [john.id, twin.id].sort()[0], otherId: [john.id, twin.id].sort()[1] }),
    ]);
    // Beside the account it came from, every id is new, and their order may not be the backup's.
    for (let i = 0; i < 3; i++) {
      const b = await createTestUser();
      const summary = await runImport(b.id, 'backup', backup);
      expect(summary.errors).toEqual([]);
      const [restored] = await rows<{ n: number }>(db, sql`select count(*)::int as n from not_duplicates where user_id = ${b.id}::uuid`);
      expect(restored!.n).toBe(1);
      expect(await listDuplicateSuggestions(b.id)).toEqual([]);
      expect((await runImport(b.id, 'backup', backup)).skippedBy).toMatchObject({ notDuplicates: 1 });
    }
    // Restored under new ids, a pair's order may turn round: it is put back in the order the table keeps.
    const settle = BACKUP_TABLES.find((t) => t.key === 'notDuplicates')!.settle!;
    const [low, high] = ['0b9c4a52-1f1e-4c55-9d3c-6f0e2a7b8c91', 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b'];
    expect((await settle(db as never, a.id, { personId: high, otherId: low })).row).toMatchObject({ personId: low, otherId: high });
    expect((await settle(db as never, a.id, { personId: low, otherId: high })).row).toMatchObject({ personId: low, otherId: high });
    // A backup from before the answer existed asks about them again.
    const older = JSON.parse(backup) as Record<string, unknown>;
    delete older.notDuplicates;
    const c = await createTestUser();
    await runImport(c.id, 'backup', JSON.stringify({ ...older, version: 4 }));
    expect(await listDuplicateSuggestions(c.id)).toHaveLength(1);
  });

  it('carries the off-the-record flag of facts; a backup from before the flag restores them on the record', async () => {
    const a = await createTestUser();
    await makeEvent(a.id, { title: 'Briefing', insights: [{ text: 'Budgets fall next year' }, { text: 'Nobody reads the report' }] });
    const facts = (await searchFacts(a.id, factSearchSchema.parse({}))).items;
    await setOffTheRecord(a.id, facts.find((f) => f.text === 'Budgets fall next year')!.id, true);
    const backup = await all(backupChunks(a.id));
    const flags = async (userId: string) =>
      Object.fromEntries((await searchFacts(userId, factSearchSchema.parse({}))).items.map((f) => [f.text, f.offTheRecord]));

    const b = await createTestUser();
    await runImport(b.id, 'backup', backup);
    expect(await flags(b.id)).toEqual({ 'Budgets fall next year': true, 'Nobody reads the report': false });
    expect((await searchFacts(b.id, factSearchSchema.parse({ q: 'budgts' }))).items.map((f) => f.text)).toEqual(['Budgets fall next year']);

    // A backup written before facts had the flag has no such field: its facts come back on the record.
    const old = backup.replace(/"offTheRecord":(true|false),?/g, '').replace(/,}/g, '}');
    expect(old).not.toContain('offTheRecord');
    const c = await createTestUser();
    await runImport(c.id, 'backup', old);
    expect(await flags(c.id)).toEqual({ 'Budgets fall next year': false, 'Nobody reads the report': false });
  });

  it('carries the words of off-the-record facts since edited or deleted: a restored post is still cut of them', async () => {
    const a = await createTestUser();
    const secret = 'Zqkept Globex buys Acme in March';
    const event = await makeEvent(a.id, { title: 'Deals supper', insights: [{ text: secret }, { text: 'Zqshown Cloud costs rise' }] });
    const [fact] = await rows<{ id: string }>(db, sql`select id::text from insights where user_id = ${a.id}::uuid and text = ${secret}`);
    await setOffTheRecord(a.id, fact!.id, true);
    await db.insert(posts).values({
      userId: a.id,
      eventId: event.id,
      title: 'Deals supper',
      slug: 'deals-supper',
      status: 'published',
      publishedAt: new Date(),
      bodyMarkdown: `# Deals supper\n\nI heard that ${secret}. Also: Zqshown Cloud costs rise.`,
    });
    // The fact is mended, then taken off the evening: only redacted_texts still holds the words the post has.
    await db.execute(sql`update insights set text = 'Globex buys Acme, per Raj' where id = ${fact!.id}::uuid`);
    await db.execute(sql`delete from insights where id = ${fact!.id}::uuid`);
    const backup = await all(backupChunks(a.id));
    const kept = JSON.parse(backup) as { version: number; redactedTexts: { text: string; insightId: string }[] };
    expect(kept.version).toBe(BACKUP_VERSION);
    expect(kept.redactedTexts.map((r) => [r.text, r.insightId]).sort()).toEqual([
      ['Globex buys Acme, per Raj', fact!.id],
      [secret, fact!.id],
    ]);

    const b = await createTestUser();
    await runImport(b.id, 'backup', backup);
    const shown = (await getPublishedPost(b.id, 'deals-supper'))!.bodyMarkdown;
    expect(shown).toContain('Zqshown');
    expect(shown).not.toContain('Zqkept');
    // The fact is gone, so the restored words point at none; restoring again adds nothing.
    expect(await rows(db, sql`select insight_id from redacted_texts where user_id = ${b.id}::uuid`)).toEqual([{ insight_id: null }, { insight_id: null }]);
    expect(await runImport(b.id, 'backup', backup)).toMatchObject({ created: 0 });
  });

  it('a follow-up is done exactly when it says when: the database refuses otherwise, and a backup that disagrees is made to agree', async () => {
    const a = await createTestUser();
    const open = await createFollowUp(a.id, { action: 'Still to do' });
    const done = await createFollowUp(a.id, { action: 'Done already' });
    await completeFollowUp(a.id, done.id);
    // Plain SQL cannot break the rule either way.
    await expect(db.execute(sql`update follow_ups set done_at = null where id = ${done.id}`)).rejects.toThrow();
    await expect(db.execute(sql`update follow_ups set done_at = now() where id = ${open.id}`)).rejects.toThrow();
    await expect(db.execute(sql`update follow_ups set status = 'done' where id = ${open.id}`)).rejects.toThrow();
    const [why] = await rows<{ name: string }>(
      db,
      sql`select conname as name from pg_constraint where conrelid = 'follow_ups'::regclass and contype = 'c' and conname = 'follow_ups_done_at_agrees'`,
    );
    expect(why?.name).toBe('follow_ups_done_at_agrees');

    // A backup edited by hand: the done one lost its moment, the open one gained one.
    const lines = (await all(backupChunks(a.id))).split('\n');
    const edited = lines
      .map((line) =>
        line.includes('"action":"Done already"')
          ? line.replace(/"doneAt":"[^"]+"/, '"doneAt":null')
          : line.includes('"action":"Still to do"')
            ? line.replace('"doneAt":null', '"doneAt":"2026-01-02T03:04:05.000Z"')
            : line,
      )
      .join('\n');
    expect(edited).not.toEqual(lines.join('\n'));
    const b = await createTestUser();
    await runImport(b.id, 'backup', edited);
    const restored = await rows<{ action: string; status: string; done_at: Date | string | null; created_at: Date | string }>(
      db,
      sql`select action, status, done_at, created_at from follow_ups where user_id = ${b.id} order by action`,
    );
    expect(restored.map((r) => [r.action, r.status, r.done_at === null])).toEqual([
      ['Done already', 'done', false],
      ['Still to do', 'open', true],
    ]);
    // The earliest it can have been done: its creation, so no later contact is made up.
    expect(new Date(restored[0]!.done_at!).getTime()).toBe(new Date(restored[0]!.created_at).getTime());
  });

  it('a malformed backup names the line and writes nothing', async () => {
    const a = await createTestUser();
    await makePerson(a.id, { name: 'Priya Shah', email: 'priya@x.example' });
    await makePerson(a.id, { name: 'Owen Chen' });
    const backup = (await all(backupChunks(a.id))).split('\n');
    const line = backup.findIndex((l) => l.includes('Owen Chen'));
    backup[line] = backup[line]!.replace(/"createdAt":"[^"]+"/, '"createdAt":"yesterday"');
    const b = await createTestUser();
    const refused = await runImport(b.id, 'backup', backup.join('\n')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).errors).toEqual([{ line: line + 1, message: expect.stringMatching(/^people \d, createdAt: /) }]);
    expect((await searchPeople(b.id, searchParamsSchema.parse({}))).total).toBe(0);
    const broken = await runImport(b.id, 'backup', '{"format":"rapport-backup",\n"version":1,\n"people":[}').catch((e: unknown) => e);
    expect((broken as ImportRefusedError).errors).toEqual([{ line: 3, message: 'This is not valid JSON' }]);
  });

  it('exports read a batch at a time, by keyset, never the whole table at once', async () => {
    const a = await createTestUser();
    for (let i = 0; i < 5; i++) await makePerson(a.id, { name: `Person ${i}` });
    const sizes: number[] = [];
    const seen = new Set<string>();
    for await (const batch of peopleBatches(a.id, 2)) {
      sizes.push(batch.length);
      for (const p of batch) seen.add(p.id);
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.size).toBe(5);
    const peopleTable = BACKUP_TABLES.find((t) => t.key === 'people')!;
    const rowsSeen: number[] = [];
    for await (const batch of batchedRows(a.id, peopleTable, 3)) rowsSeen.push(batch.length);
    expect(rowsSeen).toEqual([3, 2]);
  });

  it('the CSV export is Google’s layout and imports back as the same people', async () => {
    const a = await createTestUser();
    const org = await makeOrganisation(a.id, 'Smith, Jones & Partners', 'Legal');
    await makePerson(a.id, { name: 'Dmitri Иванов', organisationId: org.id, email: 'd@sj.example', notes: 'line one\nline "two"' });
    const csv = await all(csvChunks(a.id));
    // A UTF-8 byte-order mark first, so that Excel on Windows reads the names as UTF-8; the import passes over it.
    expect(csv.split('\r\n')[0]).toMatch(
      /^\uFEFFFirst Name,Middle Name,Last Name,Name Prefix,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value/,
    );
    const b = await createTestUser();
    expect(await runImport(b.id, 'csv', csv)).toMatchObject({ created: 1, errors: [] });
    const [p] = (await searchPeople(b.id, searchParamsSchema.parse({ sector: 'Legal' }))).items;
    expect(p).toMatchObject({ name: 'Dmitri Иванов', email: 'd@sj.example' });
    expect(await runImport(b.id, 'csv', csv)).toMatchObject({ created: 0, updated: 0, skipped: 1 });
  });
});
