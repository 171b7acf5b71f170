import { describe, expect, it } from 'vitest';
import { listSearchFilterOptions } from '@/lib/people/filter-options';
import { makeEvent, makeOrganisation, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/* The People page's "Met at" filter offers the 25 most recent events, and the one the address filters by. */
describe('People filter event choices', () => {
  it('are the 25 newest, plus an older event the filter names, and never another user’s', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
    const events = [];
    for (let i = 0; i < 30; i++) events.push(await makeEvent(user.id, { title: `Evening ${String(i).padStart(2, '0')}`, startsAt: day(i) }));
    const theirs = await makeEvent(other.id, { title: 'Not yours', startsAt: day(40) });

    const titles = async (event?: string) => (await listSearchFilterOptions(user.id, [], event)).events.map((e) => e.title);
    const newest = Array.from({ length: 25 }, (_, i) => `Evening ${String(29 - i).padStart(2, '0')}`);
    expect(await titles()).toEqual(newest);
    expect(await titles(events[2]!.id)).toEqual(['Evening 02', ...newest]);
    expect(await titles(events[20]!.id)).toEqual(newest);
    expect(await titles(theirs.id)).toEqual(newest);
    expect(await titles('not-a-uuid')).toEqual(newest);
  });

  it('names the organisations filtered by (the user’s own only), the topics A to Z, and each event’s date', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const bbc = await makeOrganisation(user.id, 'BBC');
    await makeOrganisation(user.id, 'Cabinet Office');
    const theirs = await makeOrganisation(other.id, 'Their org');
    for (const name of ['device policy', 'AI', 'Budgets']) await topicId(user.id, name);
    await topicId(other.id, 'Not yours');
    const startsAt = new Date('2026-03-04T18:30:00Z');
    await makeEvent(user.id, { title: 'CIO dinner', startsAt });

    const options = await listSearchFilterOptions(user.id, [bbc.id, theirs.id, 'not-a-uuid']);
    expect(options.organisations).toEqual([{ id: bbc.id, name: 'BBC' }]);
    expect(options.topics).toEqual(['AI', 'Budgets', 'device policy']);
    expect(options.events).toHaveLength(1);
    expect(options.events[0]!.startsAt).toBeInstanceOf(Date);
    expect(options.events[0]!.startsAt.getTime()).toBe(startsAt.getTime());
    expect((await listSearchFilterOptions(user.id, [])).organisations).toEqual([]);
  });
});
