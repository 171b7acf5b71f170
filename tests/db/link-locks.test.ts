import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { UserFacingError } from '@/lib/errors';
import { eventToJson, getEventDetail } from '@/lib/events/queries';
import { draftToPayload, emptyPerson, eventToDraft } from '@/lib/events/draft';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent, updateEvent } from '@/lib/events/write';
import { createFollowUp } from '@/lib/follow-ups/mutations';
import { createPerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { createTestUser } from '../support/users';

/**
 * While another transaction is taking a person away (a merge or a delete, here the delete's own update), a save
 * that links them waits for it, and then finds them gone, rather than linking an evening or a follow-up to someone
 * merged away (hidden from both records, and purged with them later).
 */
async function whileBeingRemoved(personId: string, link: () => Promise<unknown>) {
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    let settled = false;
    let linking: Promise<unknown> | undefined;
    await other.begin(async (tx) => {
      await tx`update people set deleted_at = now() where id = ${personId}`;
      linking = link().then(
        (v) => v,
        (e: unknown) => e,
      );
      void linking.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 400));
      // Without the lock the save has already linked them, from its copy of a moment before.
      expect(settled).toBe(false);
    });
    return await linking!;
  } finally {
    await other.end();
  }
}

// Two connections at once: only the PostgreSQL server has them (PGlite is one connection).
describe.skipIf(!process.env.DATABASE_URL)('a save linking someone being merged away (PostgreSQL server)', () => {
  it('an evening waits for the removal, then says the person is not in the contacts', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee' }));
    const { event } = await createEvent(user.id, eventInputSchema.parse({ title: 'CIO Club', startsAt: '2026-04-23T18:30:00+01:00' }));
    const draft = eventToDraft(eventToJson(await getEventDetail(db, user.id, event.id)), 'Europe/London');
    const withPat = { ...draft, people: [{ ...emptyPerson(), id: pat.id, name: 'Pat Lee' }] };
    const outcome = await whileBeingRemoved(pat.id, () =>
      updateEvent(user.id, event.id, draft.version!, eventInputSchema.parse(draftToPayload(withPat, 'Europe/London'))),
    );
    expect(outcome).toBeInstanceOf(UserFacingError);
    expect((await getEventDetail(db, user.id, event.id)).people).toEqual([]);
  });

  it('a follow-up waits for the removal, then says the person was not found', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee' }));
    const outcome = await whileBeingRemoved(pat.id, () => createFollowUp(user.id, { action: 'Send Pat the report', personId: pat.id }));
    expect(outcome).toBeInstanceOf(UserFacingError);
  });
});
