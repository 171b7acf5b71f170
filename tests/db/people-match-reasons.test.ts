import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { networkingEvents } from '@/db/schema';
import { matchReasons } from '@/lib/people/match-reasons';
import { searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

/** The People page's search and the line under each row saying why it matched (app/(app)/people/page.tsx). */
async function search(userId: string, q: string) {
  const result = await searchPeople(userId, searchParamsSchema.parse({ q }));
  const reasons = await matchReasons(userId, result);
  return Object.fromEntries(result.items.map((p) => [p.displayName, reasons.get(p.id) ?? null]));
}

describe('why a person found by the search box matched', () => {
  it('names the topic, the evening or the note the words were in, and says nothing when the row shows them', async () => {
    const user = await createTestUser();
    const acme = await makeOrganisation(user.id, 'Acme');
    const jo = await makePerson(user.id, { name: 'Jo Li', role: 'CTO', organisationId: acme.id });
    const cio = await makePerson(user.id, { role: 'CIO', organisationId: (await makeOrganisation(user.id, 'Home Office')).id });
    await makePerson(user.id, {
      name: 'Ann Bell',
      notes: 'Glasses, ex-Accenture, runs the platform team and knows everyone in Whitehall worth knowing about',
    });
    await makeEvent(user.id, {
      title: 'CIO Club: April',
      startsAt: new Date('2026-04-20T18:00:00Z'),
      topics: ['Open data'],
      people: [
        { personId: jo.id, topics: ['Legacy modernisation'] },
        { personId: cio.id, notes: 'Wants to compare notes on device policy' },
      ],
    });

    expect(await search(user.id, 'legacy')).toEqual({ 'Jo Li': 'Talked about Legacy modernisation at CIO Club: April' });
    // A typo corrected finds the same words, and the line names them as written.
    expect(await search(user.id, 'legasy')).toEqual({ 'Jo Li': 'Talked about Legacy modernisation at CIO Club: April' });
    // The evening's own topic, and the words typed about someone there.
    expect(await search(user.id, 'open data')).toEqual({ 'Jo Li': 'At CIO Club: April, on Open data', 'CIO, Home Office': 'At CIO Club: April, on Open data' });
    expect(await search(user.id, 'device')).toEqual({ 'CIO, Home Office': '“Wants to compare notes on device policy”' });
    // A long note is cut around the word.
    expect(await search(user.id, 'whitehall')).toEqual({ 'Ann Bell': '“…the platform team and knows everyone in Whitehall worth knowing about”' });
    // Blank lines and a long address before the word: the lines are one, the word is shown, no address is cut in two.
    const dev = await makePerson(user.id, {
      name: 'Dev Patel',
      notes: `Met him years ago.\r\n\r\n${'\n'.repeat(30)}See https://example.test/programmes/legacy-estate/overview-of-the-whole-plan for the migration plan, and ask about budgets`,
    });
    expect(await search(user.id, 'migration')).toEqual({ 'Dev Patel': '“…for the migration plan, and ask about budgets”' });
    // Someone only talked about at an evening was not met there.
    await makeEvent(user.id, {
      title: 'Data drinks',
      startsAt: new Date('2026-05-01T18:00:00Z'),
      people: [{ personId: dev.id, relation: 'mentioned', topics: ['Quantum'] }],
    });
    expect(await search(user.id, 'quantum')).toEqual({ 'Dev Patel': 'Mentioned at Data drinks, about Quantum' });
    // "cio" is also the title written out, which the row shows.
    await makePerson(user.id, { name: 'Cy Long', role: 'Chief Information Officer', notes: 'Chairs the CIO network' });
    expect((await search(user.id, 'cio'))['Cy Long']).toBeNull();
    // The row shows the organisation and the role: nothing to explain.
    expect(await search(user.id, 'acme cto')).toEqual({ 'Jo Li': null });
    // Shown for one word, explained for the other.
    expect(await search(user.id, 'acme legacy')).toEqual({ 'Jo Li': 'Talked about Legacy modernisation at CIO Club: April' });

    // A deleted evening explains nothing, and another user's words are never read.
    const other = await createTestUser();
    const theirs = await makePerson(other.id, { name: 'Zed Zero' });
    await makeEvent(other.id, { title: 'Other club', people: [{ personId: theirs.id, topics: ['Legacy modernisation'] }] });
    await db.update(networkingEvents).set({ deletedAt: new Date() }).where(eq(networkingEvents.userId, user.id));
    expect(await search(user.id, 'whitehall')).toEqual({ 'Ann Bell': '“…the platform team and knows everyone in Whitehall worth knowing about”' });
    expect(
      await matchReasons(user.id, { items: (await searchPeople(other.id, searchParamsSchema.parse({ q: 'legacy' }))).items, matchWords: [['legacy']] }),
    ).toEqual(new Map());
  });
});
