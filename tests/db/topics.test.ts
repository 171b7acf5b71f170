import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { personTopics } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { getTopicDetail, listTopicSummaries, monthRange } from '@/lib/topics/pages';
import { makeEvent, makePerson, topicId } from '../support/fixtures';
import { createTestUser } from '../support/users';

describe('topic pages', () => {
  it('counts events, people and facts per topic, sorts by recent or used, and finds by name with typos', async () => {
    const user = await createTestUser();
    const ann = await makePerson(user.id, { name: 'Ann Lee' });
    const bob = await makePerson(user.id, { name: 'Bob Okafor' });
    const cy = await makePerson(user.id, { name: 'Cy Twombly' });
    await makeEvent(user.id, {
      title: 'January breakfast',
      startsAt: new Date('2026-01-10T08:00:00Z'),
      topics: ['Open data'],
      people: [{ personId: ann.id, topics: ['Open data'] }],
      insights: [{ text: 'Half of datasets are never downloaded' }],
    });
    await makeEvent(user.id, {
      title: 'March evening',
      startsAt: new Date('2026-03-05T18:00:00Z'),
      people: [
        { personId: bob.id, topics: ['open  data'] },
        { personId: ann.id, topics: ['Cloud'] },
      ],
      insights: [{ text: 'Budgets fall' }, { text: 'Cloud costs rise' }],
    });
    await db.insert(personTopics).values({ userId: user.id, personId: cy.id, topicId: await topicId(user.id, 'Open data') });
    const other = await createTestUser();
    await makeEvent(other.id, { title: 'Elsewhere', topics: ['Open data'], insights: [{ text: 'secret' }] });

    const summary = (await listTopicSummaries(user.id, { sort: 'used' })).map((t) => [t.name, t.events, t.people, t.facts]);
    expect(summary).toEqual([
      ['Open data', 2, 3, 3],
      ['Cloud', 1, 1, 2],
    ]);
    expect((await listTopicSummaries(user.id, { q: 'opn data' })).map((t) => t.name)).toEqual(['Open data']);

    const id = await topicId(user.id, 'Open data');
    const detail = await getTopicDetail(user.id, id);
    expect(detail.events.map((e) => e.title)).toEqual(['March evening', 'January breakfast']);
    expect(detail.people.map((p) => p.displayName)).toEqual(['Ann Lee', 'Bob Okafor', 'Cy Twombly']);
    expect(detail.months).toEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 0 },
      { month: '2026-03', count: 1 },
    ]);
    // Another user's topic is not found, and theirs never counts here.
    await expect(getTopicDetail(other.id, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listTopicSummaries(other.id)).map((t) => [t.name, t.events, t.people, t.facts])).toEqual([['Open data', 1, 0, 1]]);
  });

  it('month ranges cross years', () => {
    expect(monthRange(['2026-02', '2025-11'])).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange([])).toEqual([]);
  });
});
