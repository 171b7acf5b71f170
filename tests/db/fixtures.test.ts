import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { people } from '@/db/schema';
import { createTestUser } from '../support/users';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';

describe('people search text', () => {
  it('gathers organisation, sector, topics and events, and the last time met', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Department for Education', 'Government');
    const person = await makePerson(user.id, { role: 'Head of IT', organisationId: org.id });
    const when = new Date('2026-03-04T18:30:00Z');
    await makeEvent(user.id, {
      title: 'CIO Club spring evening',
      series: 'CIO Club',
      startsAt: when,
      people: [{ personId: person.id, topics: ['Open data', 'cloud'] }],
    });
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    for (const word of ['Head of IT', 'Department for Education', 'Government', 'Open data', 'cloud', 'CIO Club spring evening']) {
      expect(row!.searchText).toContain(word);
    }
    expect(row!.lastMetAt?.toISOString()).toBe(when.toISOString());
  });
});
