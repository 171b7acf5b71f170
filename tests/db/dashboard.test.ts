import { describe, expect, it } from 'vitest';
import { eventsPerMonth, followUpProgress, latestEvents, peopleBySector } from '@/lib/dashboard/queries';
import { addDays, todayIn } from '@/lib/dates';
import { completeFollowUp, createFollowUp, deleteFollowUp } from '@/lib/follow-ups/mutations';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const now = new Date('2026-04-23T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('dashboard', () => {
  it('counts people by their own sector, else their organisation’s, and only the user’s', async () => {
    const user = await createTestUser();
    const council = await makeOrganisation(user.id, 'Council', 'Government');
    await makePerson(user.id, { name: 'A', organisationId: council.id });
    await makePerson(user.id, { name: 'B', organisationId: council.id, sector: 'Technology' });
    await makePerson(user.id, { name: 'C', sector: 'Government' });
    await makePerson(user.id, { name: 'D' });
    const other = await createTestUser();
    await makePerson(other.id, { name: 'E', sector: 'Government' });

    expect(await peopleBySector(user.id)).toEqual([
      { label: 'Government', value: 2 },
      { label: 'Technology', value: 1 },
      { label: 'No sector', value: 1 },
    ]);
  });

  it('counts events per month over twelve months in the user’s time zone', async () => {
    const user = await createTestUser({ timeZone: 'Pacific/Auckland' });
    // 31 March 20:00 UTC is 1 April 09:00 in Auckland.
    await makeEvent(user.id, { title: 'April in Auckland', startsAt: new Date('2026-03-31T20:00:00Z') });
    await makeEvent(user.id, { title: 'Also April', startsAt: new Date('2026-04-10T08:00:00Z') });
    await makeEvent(user.id, { title: 'Too old', startsAt: new Date('2025-04-10T08:00:00Z') });
    const other = await createTestUser({ timeZone: 'Pacific/Auckland' });
    await makeEvent(other.id, { title: 'Theirs', startsAt: new Date('2026-04-10T08:00:00Z') });

    // Created ahead of time, later this month: not held yet, so not counted.
    await makeEvent(user.id, { title: 'Next week', startsAt: new Date('2026-04-28T08:00:00Z') });

    const months = await eventsPerMonth(user.id, user.timeZone, '2026-04-23', 'en-GB', new Date('2026-04-23T10:00:00Z'));
    expect(months).toHaveLength(12);
    expect(months[0]!.month).toBe('2025-05');
    expect(months.at(-1)).toMatchObject({ month: '2026-04', value: 2 });
    expect(months.find((m) => m.month === '2026-03')!.value).toBe(0);
    expect(months.reduce((s, m) => s + m.value, 0)).toBe(2);
  });

  it('compares completed and open follow-ups, excluding deleted ones and other users’', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const a = await createFollowUp(user.id, { action: 'done', due: today });
    await completeFollowUp(user.id, a.id);
    await createFollowUp(user.id, { action: 'late', due: addDays(today, -1) });
    await createFollowUp(user.id, { action: 'fine', due: addDays(today, 1) });
    await createFollowUp(user.id, { action: 'undated' });
    await createFollowUp(user.id, { action: 'today', due: today });
    const gone = await createFollowUp(user.id, { action: 'deleted', due: addDays(today, -1) });
    await deleteFollowUp(user.id, gone.id);
    const other = await createTestUser();
    await createFollowUp(other.id, { action: 'theirs', due: addDays(today, -1) });

    expect(await followUpProgress(user.id, today)).toEqual({ done: 1, doneLast30: 1, openOnTime: 3, openOverdue: 1, openToday: 1 });
  });

  it('latest events come newest first with their head count, without deleted or other users’ events', async () => {
    const user = await createTestUser();
    const p = await makePerson(user.id, { name: 'P' });
    await makeEvent(user.id, { title: 'Older', startsAt: daysAgo(10), people: [{ personId: p.id }] });
    await makeEvent(user.id, { title: 'Newer', startsAt: daysAgo(1) });
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Theirs', startsAt: daysAgo(0) });
    const found = await latestEvents(user.id);
    expect(found.map((e) => [e.title, e.people])).toEqual([
      ['Newer', 0],
      ['Older', 1],
    ]);
  });
});
