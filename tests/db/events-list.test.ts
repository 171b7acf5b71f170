import { describe, expect, it } from 'vitest';
import { listEventFacets, listEvents, searchWords } from '@/lib/events/list';
import { suggestOrganisations, suggestSeries } from '@/lib/events/lookup';
import { eventInputSchema, eventListQuerySchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';
import { suggestTopics } from '@/lib/topics/queries';
import { db } from '@/db/client';
import { createTestUser } from '../support/users';

const q = (query: Record<string, unknown>) => eventListQuerySchema.parse(query);
const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

describe('the events list', () => {
  it('filters by search, series, topic (event or person), sector and year, newest first, with counts', async () => {
    const user = await createTestUser({ timeZone: 'Europe/Berlin' });
    const add = (input: Record<string, unknown>) => createEvent(user.id, eventInputSchema.parse(input)).then((r) => r.event);
    await add({ title: 'CIO Club, March', startsAt: '2026-03-10T18:00:00Z', series: 'CIO Club monthly', topics: ['Cloud'] });
    await add({
      title: 'Open data breakfast',
      startsAt: '2026-05-01T07:30:00Z',
      venue: 'Guildhall',
      people: [{ name: 'Lin', organisation: 'City Council', sector: 'Government', topics: ['Open data'] }, { name: 'Sam' }],
      followUps: [{ action: 'Email Lin', personIndex: 0 }, { action: 'Read report' }],
    });
    // 23:30 UTC on New Year's Eve is already 2026 in Berlin: the year is the user's.
    await add({ title: 'New year drinks', startsAt: '2025-12-31T23:30:00Z', series: 'cio club MONTHLY' });
    await add({ title: 'Someone else', startsAt: '2026-01-01T12:00:00Z' });

    expect(titles(await listEvents(user.id, q({}), user.timeZone))).toEqual(['Open data breakfast', 'CIO Club, March', 'Someone else', 'New year drinks']);
    const breakfast = (await listEvents(user.id, q({ q: 'guildhall' }))).items;
    expect(breakfast).toEqual([expect.objectContaining({ title: 'Open data breakfast', peopleCount: 2, openFollowUps: 2 })]);
    expect(titles(await listEvents(user.id, q({ series: 'CIO CLUB monthly' })))).toEqual(['CIO Club, March', 'New year drinks']);
    expect(titles(await listEvents(user.id, q({ topic: 'open  DATA' })))).toEqual(['Open data breakfast']);
    expect(titles(await listEvents(user.id, q({ topic: 'cloud' })))).toEqual(['CIO Club, March']);
    expect(titles(await listEvents(user.id, q({ sector: 'government' })))).toEqual(['Open data breakfast']);
    expect(titles(await listEvents(user.id, q({ year: '2026' }), user.timeZone))).toEqual([
      'Open data breakfast',
      'CIO Club, March',
      'Someone else',
      'New year drinks',
    ]);
    expect(titles(await listEvents(user.id, q({ year: '2025' }), user.timeZone))).toEqual([]);
    expect(titles(await listEvents(user.id, q({ year: '2025' }), 'UTC'))).toEqual(['New year drinks']);
    expect(titles(await listEvents(user.id, q({ q: '100%_' })))).toEqual([]); // wildcards are literal
    // Every word, anywhere: the title, a topic, or who was met there (name, role, organisation).
    expect(titles(await listEvents(user.id, q({ q: 'open breakfast' })))).toEqual(['Open data breakfast']);
    expect(titles(await listEvents(user.id, q({ q: 'lin' })))).toEqual(['Open data breakfast']);
    expect(titles(await listEvents(user.id, q({ q: 'council guildhall' })))).toEqual(['Open data breakfast']);
    expect(titles(await listEvents(user.id, q({ q: 'cloud march' })))).toEqual(['CIO Club, March']);
    expect(titles(await listEvents(user.id, q({ q: 'cloud breakfast' })))).toEqual([]);
    // Little words are not required ("the" is in no title here), unless they are all there is.
    expect(titles(await listEvents(user.id, q({ q: 'the open data breakfast' })))).toEqual(['Open data breakfast']);
    expect(searchWords('head of it')).toEqual(['head', 'it']);
    expect(searchWords('of the')).toEqual(['of', 'the']);

    const facets = await listEventFacets(user.id, user.timeZone);
    expect(facets.years).toEqual([2026]);
    expect(await suggestSeries(user.id, 'cio')).toHaveLength(2); // two spellings, both offered
    expect(await suggestOrganisations(user.id, 'coun')).toEqual([{ name: 'City Council', sector: 'Government' }]);
    expect(await suggestTopics(db, user.id, 'DAT')).toEqual(['Open data']);

    const other = await createTestUser();
    expect((await listEvents(other.id, q({}))).items).toEqual([]);
    expect(await suggestOrganisations(other.id, '')).toEqual([]);
  });
});
