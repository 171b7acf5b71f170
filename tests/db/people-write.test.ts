import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { searchWords } from '@/db/schema';
import { likelyDuplicates } from '@/lib/events/resolve';
import { duplicatesAtEvent, listDuplicateSuggestions } from '@/lib/people/duplicates';
import { markNotDuplicate, unmarkNotDuplicate } from '@/lib/people/not-duplicates';
import { rows } from '@/db/rows';
import { createPerson, deletePerson, getPerson, restorePerson, updatePerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { createPersonSchema, patchPersonSchema, searchParamsSchema } from '@/lib/people/validation';
import { NotFoundError, VersionConflictError } from '@/lib/errors';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const search = (userId: string, p: Record<string, unknown>) => searchPeople(userId, searchParamsSchema.parse(p));

describe('people: writes', () => {
  it('creates with a new organisation by name, reuses it case-insensitively, and is found by it', async () => {
    const user = await createTestUser();
    const a = await createPerson(user.id, createPersonSchema.parse({ role: 'Head of IT', organisationName: 'Leeds City Council' }));
    const b = await createPerson(user.id, createPersonSchema.parse({ name: 'Dee', organisationName: '  leeds city   council ' }));
    expect(a.displayName).toBe('Head of IT, Leeds City Council');
    expect(b.organisation?.id).toBe(a.organisation?.id);
    expect((await search(user.id, { q: 'leeds' })).total).toBe(2);
  });

  it('refuses a person with nothing to know them by, bad emails, links and NUL bytes', () => {
    expect(createPersonSchema.safeParse({ name: '  ' }).success).toBe(false);
    expect(createPersonSchema.safeParse({ name: 'A', email: 'not-an-email' }).success).toBe(false);
    expect(createPersonSchema.safeParse({ name: 'A', links: ['javascript:alert(1)'] }).success).toBe(false);
    expect(createPersonSchema.safeParse({ name: 'A\u0000B' }).success).toBe(false);
    expect(createPersonSchema.parse({ name: 'A', links: ['linkedin.com/in/a'] }).links).toEqual(['https://linkedin.com/in/a']);
    expect(patchPersonSchema.safeParse({ name: 'x' }).success).toBe(false); // no version
  });

  it('checks the version on edit and answers a conflict with the current copy', async () => {
    const user = await createTestUser();
    const p = await makePerson(user.id, { name: 'Sam Old', role: 'CTO' });
    const saved = await updatePerson(user.id, p.id, { name: 'Sam New', version: 1, keepPrivate: true });
    expect(saved).toMatchObject({ name: 'Sam New', role: 'CTO', version: 2, keepPrivate: true });
    const stale = updatePerson(user.id, p.id, { name: 'Sam Stale', version: 1 });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await stale.catch((err: VersionConflictError<{ name: string }>) => expect(err.current.name).toBe('Sam New'));
    expect((await search(user.id, { q: 'sam new' })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await search(user.id, { q: 'old' })).items).toEqual([]);
    // Two words, one stale: nobody matches both, so the loose fallback says so.
    expect((await search(user.id, { q: 'sam old' })).loose).toBe(true);
  });

  it('keeps the search vocabulary to the words people have: a rename or a delete forgets, an undo remembers', async () => {
    const user = await createTestUser();
    const a = await makePerson(user.id, { name: 'Quentin Blake', role: 'Illustrator' });
    const b = await makePerson(user.id, { name: 'Quentin Tarantino' });
    const words = async () => (await db.select({ word: searchWords.word }).from(searchWords).where(eq(searchWords.userId, user.id))).map((r) => r.word);
    expect(await words()).toEqual(expect.arrayContaining(['blake', 'illustrator', 'quentin', 'tarantino']));
    await updatePerson(user.id, a.id, { name: 'Quentin Blakely', version: 1 });
    expect(await words()).toContain('blakely');
    expect(await words()).not.toContain('blake');
    await deletePerson(user.id, b.id);
    expect(await words()).not.toContain('tarantino');
    expect(await words()).toContain('quentin'); // Quentin Blakely still has it
    expect((await search(user.id, { q: 'tarantin' })).items).toEqual([]);
    await restorePerson(user.id, b.id);
    expect(await words()).toContain('tarantino');
    expect((await search(user.id, { q: 'tarantin' })).items.map((i) => i.id)).toEqual([b.id]);
  });

  it('soft-deletes with undo; a deleted person is gone from search, counts and suggestions', async () => {
    const user = await createTestUser();
    const p = await makePerson(user.id, { name: 'Gone Soon', email: 'g@example.test' });
    await makePerson(user.id, { name: 'Gone Soon', email: 'g@example.test' });
    expect(await listDuplicateSuggestions(user.id)).toHaveLength(1);
    await deletePerson(user.id, p.id);
    await expect(getPerson(user.id, p.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await search(user.id, { q: 'gone' })).total).toBe(1);
    expect(await listDuplicateSuggestions(user.id)).toHaveLength(0);
    await restorePerson(user.id, p.id);
    expect((await getPerson(user.id, p.id)).name).toBe('Gone Soon');
    expect((await search(user.id, { q: 'gone' })).total).toBe(2);
  });

  it("treats another user's person as missing for reads, edits and deletes", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const theirs = await makePerson(other.id, { name: 'Private Person' });
    await expect(getPerson(user.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePerson(user.id, theirs.id, { name: 'x', version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deletePerson(user.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    const org = await makeOrganisation(other.id, 'Their Org');
    await expect(createPerson(user.id, createPersonSchema.parse({ name: 'Me', organisationId: org.id }))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('duplicate suggestions', () => {
  it('finds same email, same name at the same organisation and similar names, and never across users', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const bbc = await makeOrganisation(user.id, 'BBC', 'Media');
    const e1 = await makePerson(user.id, { name: 'Kim Lee', email: 'KIM@example.test' });
    const e2 = await makePerson(user.id, { name: 'Kimberly Lee', email: 'kim@example.test' });
    const n1 = await makePerson(user.id, { name: 'Jo Bloggs', organisationId: bbc.id });
    const n2 = await makePerson(user.id, { name: 'jo bloggs', organisationId: bbc.id });
    const s1 = await makePerson(user.id, { name: 'Jonathan Smith' });
    const s2 = await makePerson(user.id, { name: 'Jonathon Smith' });
    await makePerson(user.id, { name: 'Mary Smith' });
    await makePerson(other.id, { name: 'Kim Lee', email: 'kim@example.test' });
    // Logged by role alone at an evening, beside the one known by name with that role there; two named people with
    // one role (a role held in turn) are not a pair, nor the same role at another organisation.
    const council = await makeOrganisation(user.id, 'Hartley Council');
    const r1 = await makePerson(user.id, { name: 'Ben Turner', role: 'Chief Executive', organisationId: council.id });
    const r2 = await makePerson(user.id, { role: 'chief executive', organisationId: council.id });
    await makePerson(user.id, { name: 'Ann Cole', role: 'Chief Executive', organisationId: council.id });
    await makePerson(user.id, { role: 'Chief Executive', organisationId: bbc.id });
    const pairs = await listDuplicateSuggestions(user.id);
    const key = (a: string, b: string) => [a, b].sort().join('+');
    const found = new Map(pairs.map((p) => [key(p.a.id, p.b.id), p.reason]));
    expect(found.get(key(e1.id, e2.id))).toBe('same email');
    expect(found.get(key(n1.id, n2.id))).toBe('same name and organisation');
    expect(found.get(key(s1.id, s2.id))).toBe('similar name');
    expect(found.get(key(r1.id, r2.id))).toBe('same role and organisation');
    // The nameless one is paired with each named holder of the role there: Ben and Ann.
    expect(pairs).toHaveLength(5);
    expect(await listDuplicateSuggestions(other.id)).toEqual([]);
    expect((await listDuplicateSuggestions(user.id, { personId: s1.id })).map((p) => p.reason)).toEqual(['similar name']);
    // One person's page finds the same pairs through indexes.
    for (const [one, other, reason] of [
      [e1, e2, 'same email'],
      [n2, n1, 'same name and organisation'],
      [s2, s1, 'similar name'],
    ] as const) {
      const mine = await listDuplicateSuggestions(user.id, { personId: one.id });
      expect(mine.map((p) => [[p.a.id, p.b.id].sort(), p.reason])).toEqual([[[one.id, other.id].sort(), reason]]);
    }
    expect((await listDuplicateSuggestions(user.id, { personId: r1.id })).map((p) => [[p.a.id, p.b.id].sort(), p.reason])).toEqual([
      [[r1.id, r2.id].sort(), 'same role and organisation'],
    ]);
    expect((await listDuplicateSuggestions(user.id, { personId: r2.id })).map((p) => p.reason)).toEqual([
      'same role and organisation',
      'same role and organisation',
    ]);
    expect(await listDuplicateSuggestions(other.id, { personId: e1.id })).toEqual([]);
  });

  it('an event names the people first met there who look like someone already known, each pair once', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const dfe = await makeOrganisation(user.id, 'Department for Education', 'Government');
    const priya = await makePerson(user.id, { name: 'Priya Shah', organisationId: dfe.id });
    await makeEvent(user.id, { title: 'Earlier', people: [{ personId: priya.id }] });
    // Typed a little differently with no signal; a second newcomer like the first; a regular met again; a stranger.
    const sha = await makePerson(user.id, { name: 'Priya Sha', organisationId: dfe.id });
    const shah = await makePerson(user.id, { name: 'priya shah', organisationId: dfe.id });
    const tom = await makePerson(user.id, { name: 'Tom Reid' });
    const evening = await makeEvent(user.id, {
      title: 'Evening',
      people: [{ personId: sha.id }, { personId: shah.id }, { personId: priya.id }, { personId: tom.id }],
    });
    const key = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('+');
    const pairs = await duplicatesAtEvent(user.id, evening.id);
    expect(pairs.map(key).sort()).toEqual(
      [
        [sha.id, priya.id],
        [shah.id, priya.id],
        [sha.id, shah.id],
      ]
        .map((x) => x.sort().join('+'))
        .sort(),
    );
    // Priya was met before, and is kept by default: the newcomers are the copies.
    expect(pairs.filter((p) => p.a.id === priya.id || p.b.id === priya.id).every((p) => p.a.id === priya.id)).toBe(true);
    // Met only at earlier evenings: nobody new there. Another user's event is nothing to them.
    expect(await duplicatesAtEvent(user.id, (await makeEvent(user.id, { title: 'Quiet', people: [{ personId: tom.id }] })).id)).toEqual([]);
    expect(await duplicatesAtEvent(other.id, evening.id)).toEqual([]);
  });

  it('an event lists each newcomer’s twins in the order the evening lists them, three at most each, a pair once', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Ofcom');
    // Five Sam Ray records already in the book: the newcomer "Sam Rae" looks like each of them.
    for (let i = 0; i < 5; i++) await makePerson(user.id, { name: 'Sam Ray', organisationId: org.id, email: `sam${i}@ofcom.example` });
    const ann = await makePerson(user.id, { name: 'Ann Lee', email: 'ann@example.test' });
    const rae = await makePerson(user.id, { name: 'Sam Rae', organisationId: org.id });
    const annCopy = await makePerson(user.id, { name: 'Ann Leigh', email: 'ANN@example.test' });
    const evening = await makeEvent(user.id, { title: 'Evening', people: [{ personId: annCopy.id }, { personId: rae.id }] });
    const pairs = await duplicatesAtEvent(user.id, evening.id);
    const newcomer = (p: { a: { id: string }; b: { id: string } }) => ([p.a.id, p.b.id].includes(annCopy.id) ? 'ann' : 'sam');
    expect(pairs.map(newcomer)).toEqual(['ann', 'sam', 'sam', 'sam']);
    expect(pairs[0]!.reason).toBe('same email');
    expect(pairs.slice(1).every((p) => p.reason === 'similar name')).toBe(true);
    expect(pairs.every((p) => [p.a.id, p.b.id].includes(ann.id) || [p.a.id, p.b.id].includes(rae.id))).toBe(true);
  });

  it('at one organisation a name one letter out is asked about; the same two names elsewhere, with no surname shared, are not', async () => {
    const user = await createTestUser();
    const hmrc = await makeOrganisation(user.id, 'HMRC');
    const smith = await makePerson(user.id, { name: 'Jon Smith', organisationId: hmrc.id });
    const smyth = await makePerson(user.id, { name: 'Jon Smyth', organisationId: hmrc.id });
    await makePerson(user.id, { name: 'Jon Smyth', organisationId: (await makeOrganisation(user.id, 'Ofcom')).id });
    const key = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('+');
    const pair = [smith.id, smyth.id].sort().join('+');
    expect((await listDuplicateSuggestions(user.id, { personId: smith.id })).map(key)).toEqual([pair]);
    expect((await listDuplicateSuggestions(user.id)).filter((p) => p.reason === 'similar name').map(key)).toEqual([pair]);
  });

  it('"Not the same person" keeps a pair off every list, through a delete and restore, until undone; only for the user’s own', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const council = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
    const john = await makePerson(user.id, { name: 'John Smith', organisationId: council.id });
    await makeEvent(user.id, { title: 'Before', people: [{ personId: john.id }] });
    const second = await makePerson(user.id, { name: 'John Smith', organisationId: council.id });
    const jon = await makePerson(user.id, { name: 'Jon Smith', organisationId: council.id });
    const evening = await makeEvent(user.id, { title: 'Evening', people: [{ personId: second.id }] });
    const key = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('+');
    const pair = (x: string, y: string) => [x, y].sort().join('+');
    expect((await listDuplicateSuggestions(user.id)).map(key)).toContain(pair(john.id, second.id));

    // Said either way round, and twice (a second tap): one answer.
    await markNotDuplicate(user.id, second.id, john.id);
    await markNotDuplicate(user.id, john.id, second.id);
    expect(await rows(db, sql`select count(*)::int as n from not_duplicates where user_id = ${user.id}::uuid`)).toEqual([{ n: 1 }]);
    expect((await listDuplicateSuggestions(user.id)).map(key)).not.toContain(pair(john.id, second.id));
    expect((await listDuplicateSuggestions(user.id, { personId: john.id })).map(key)).toEqual([pair(john.id, jon.id)]);
    expect((await listDuplicateSuggestions(user.id, { personId: second.id })).map(key)).toEqual([pair(second.id, jon.id)]);
    expect((await duplicatesAtEvent(user.id, evening.id)).map(key)).toEqual([pair(second.id, jon.id)]);

    // Deleted and restored, the answer still holds: a restored person is not asked about again.
    await deletePerson(user.id, second.id);
    await restorePerson(user.id, second.id);
    expect((await listDuplicateSuggestions(user.id, { personId: john.id })).map(key)).toEqual([pair(john.id, jon.id)]);

    // Another user can neither answer for these people nor take the answer back; nor can anyone pair a person with
    // themself, or with someone deleted.
    await expect(markNotDuplicate(other.id, john.id, jon.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unmarkNotDuplicate(other.id, john.id, second.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(markNotDuplicate(user.id, john.id, john.id.toUpperCase())).rejects.toBeInstanceOf(NotFoundError);
    const theirs = await makePerson(other.id, { name: 'John Smith' });
    await expect(markNotDuplicate(user.id, john.id, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await deletePerson(user.id, jon.id);
    await expect(markNotDuplicate(user.id, john.id, jon.id)).rejects.toBeInstanceOf(NotFoundError);
    await restorePerson(user.id, jon.id);

    // Undone: the pair is offered again, once.
    await unmarkNotDuplicate(user.id, john.id.toUpperCase(), second.id);
    expect((await listDuplicateSuggestions(user.id, { personId: john.id })).map(key).sort()).toEqual([pair(john.id, jon.id), pair(john.id, second.id)].sort());
    await expect(unmarkNotDuplicate(user.id, john.id, second.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a person's page pairs them with everyone of a similar name and surname, each once, live and their own only", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const me = await makePerson(user.id, { name: 'Jonathan Smith' });
    const twins = [await makePerson(user.id, { name: 'Jonathon Smith' }), await makePerson(user.id, { name: 'jonathon  smith' })];
    const gone = await makePerson(user.id, { name: 'Jonathon Smith' });
    await deletePerson(user.id, gone.id);
    await makePerson(user.id, { name: 'Mary Smith' });
    await makePerson(user.id, { name: 'Jonathan Smyth' });
    await makePerson(other.id, { name: 'Jonathon Smith' });
    const mine = await listDuplicateSuggestions(user.id, { personId: me.id });
    expect(mine.map((p) => (p.a.id === me.id ? p.b.id : p.a.id)).sort()).toEqual(twins.map((t) => t.id).sort());
    expect(mine.every((p) => p.reason === 'similar name')).toBe(true);
  });

  it('folds runs of spaces in names, so a double space is no way past the duplicate check', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Ministry of Justice');
    const owen = await makePerson(user.id, { name: 'Owen Chen', organisationId: org.id });
    const typed = createPersonSchema.parse({ name: '  Owen \t Chen ', role: 'Head  of\nData', organisationName: 'Ministry  of Justice' });
    expect(typed).toMatchObject({ name: 'Owen Chen', role: 'Head of Data', organisationName: 'Ministry of Justice' });
    expect((await likelyDuplicates(db, user.id, { name: 'Owen  Chen', organisation: 'ministry of justice' })).map((d) => d.id)).toEqual([owen.id]);
  });

  it('pairs the most recently met few of two similar names, not everyone with them', async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) await makePerson(user.id, { name: 'John Smith' });
    for (let i = 0; i < 5; i++) await makePerson(user.id, { name: 'Jon Smith' });
    const pairs = await listDuplicateSuggestions(user.id);
    expect(pairs.every((p) => p.reason === 'similar name')).toBe(true);
    expect(pairs).toHaveLength(9);
  });

  it('offers to keep the record with the longer history, else the older one', async () => {
    const user = await createTestUser();
    // The real Priya was met at an event; a typo'd copy was added later with the same email.
    const real = await makePerson(user.id, { name: 'Priya Raman', role: 'Chief Information Officer', email: 'priya@example.test' });
    await makeEvent(user.id, { title: 'CIO Club', people: [{ personId: real.id }] });
    const typo = await makePerson(user.id, { name: 'Priya Ramen', role: 'CIO', email: 'PRIYA@example.test' });
    // Even when the copy is the older row (imported from an old address book, say), history decides.
    await db.execute(sql`update people set created_at = now() - interval '2 days' where id = ${typo.id}::uuid`);
    const [pair] = await listDuplicateSuggestions(user.id);
    expect([pair!.a.id, pair!.b.id]).toEqual([real.id, typo.id]);
    expect([pair!.a.encounters, pair!.b.encounters]).toEqual([1, 0]);
    expect(pair!.a.lastMetAt).toBeInstanceOf(Date);
    // Neither met: the older record is kept, whichever id sorts first.
    const older = await makePerson(user.id, { name: 'Sam Hill', email: 'sam@example.test' });
    await db.execute(sql`update people set created_at = now() - interval '1 day' where id = ${older.id}::uuid`);
    const newer = await makePerson(user.id, { name: 'Sam Hil', email: 'sam@example.test' });
    const sam = (await listDuplicateSuggestions(user.id, { personId: newer.id }))[0]!;
    expect([sam.a.id, sam.b.id]).toEqual([older.id, newer.id]);
  });
});
