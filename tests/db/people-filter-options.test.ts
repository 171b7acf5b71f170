import { describe, expect, it } from 'vitest';
import { listSearchFilterOptions } from '@/lib/people/filter-options';
import { makeEvent } from '../support/fixtures';
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
});
