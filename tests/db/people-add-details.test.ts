import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { addDetailsToPerson, deletePerson, getPerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const typed = (fields: Record<string, unknown>) => createPersonSchema.parse({ links: [], topics: [], keepPrivate: false, ...fields });

describe('adding typed details to a person already known', () => {
  it('fills their empty fields, finds or makes the organisation, adds topics, and keeps the rest in their notes', async () => {
    const user = await createTestUser();
    const ahmed = await makePerson(user.id, { name: 'Ahmed Khan', role: 'Head of IT' });
    const after = await db.transaction((tx) =>
      addDetailsToPerson(
        tx,
        user.id,
        ahmed.id,
        typed({ name: 'Ahmed Khan', role: 'CIO', organisationName: 'HMRC', email: 'ahmed@hmrc.example', topics: ['cloud'] }),
      ),
    );
    expect(after).toMatchObject({ name: 'Ahmed Khan', role: 'Head of IT', email: 'ahmed@hmrc.example', organisation: { name: 'HMRC' }, topics: ['cloud'] });
    expect(after.notes).toBe('Role: CIO');
    expect(after.version).toBe(ahmed.version + 1);
  });

  it('another user’s person, or one deleted, is not found, and nothing of theirs changes', async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const theirs = await makePerson(owner.id, { name: 'Priya Shah' });
    await expect(
      db.transaction((tx) => addDetailsToPerson(tx, stranger.id, theirs.id, typed({ name: 'Priya Shah', email: 'x@example.test' }))),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPerson(owner.id, theirs.id)).email).toBeNull();
    const gone = await makePerson(owner.id, { name: 'Gone Person' });
    await deletePerson(owner.id, gone.id);
    await expect(
      db.transaction((tx) => addDetailsToPerson(tx, owner.id, gone.id, typed({ name: 'Gone Person', email: 'g@example.test' }))),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
