import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { people } from '@/db/schema';
import { namedIn } from '@/lib/posts/mentions';
import { privatePeopleNamed } from '@/lib/posts/named';
import { CALLS_ON, NOT_CALLED_ON } from '@/lib/people/name-scrub';
import { createTestUser } from '../support/users';

describe('the publish check reads only the people a post may name', () => {
  it('property: what it reads through the name indexes finds whom a check of every person finds (first names and surnames)', async () => {
    const user = await createTestUser();
    // Names of a first name and a surname (a middle name, or one piece of a hyphenated name, alone is not looked for).
    const part = fc.constantFrom('Raj', 'Priya', 'Patel', 'Shah', 'Grace', 'Chen', 'Owen', 'Ng', 'Jo', 'O’Brien', 'Émile');
    const name = fc.array(part, { minLength: 1, maxLength: 2 }).map((ps) => ps.join(' '));
    const book = fc.array(fc.record({ name, keepPrivate: fc.boolean() }), { maxLength: 6 });
    const word = fc.oneof(
      part,
      part.map((p) => p.toLowerCase()),
      fc.constantFrom('met', 'the', 'grace', 'and', ',', '.', '’s', 'with', 'send', 'will', 'be'),
    );
    // Words apart by a space, or by blank lines and runs of spaces as a phone or a paste leaves them.
    const gap = fc.constantFrom(' ', ' ', ' ', '\n\n', ' '.repeat(30));
    const text = fc.array(fc.tuple(word, gap), { maxLength: 12 }).map((ws) => ws.map(([w, g]) => w + g).join(''));
    await fc.assert(
      fc.asyncProperty(text, book, async (t, everyone) => {
        await db.execute(sql`delete from people where user_id = ${user.id}::uuid`);
        if (everyone.length) await db.insert(people).values(everyone.map((p) => ({ userId: user.id, name: p.name, keepPrivate: p.keepPrivate })));
        const found = (await privatePeopleNamed(db, user.id, null, t)).map((p) => p.name).sort();
        // The same check over every person, read whole (a name in lower case after "met" or "with" is theirs too).
        expect(found).toEqual(
          namedIn(t, [], everyone, { calledOn: { before: CALLS_ON, notAfter: NOT_CALLED_ON } })
            .filter((p) => p.keepPrivate)
            .map((p) => p.name)
            .sort(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('a name in lower case after a calling word and a full name ("met Priya raj") is found as namedIn finds it', async () => {
    const user = await createTestUser();
    await db.insert(people).values([
      { userId: user.id, name: 'Priya', keepPrivate: false },
      { userId: user.id, name: 'Raj Raj', keepPrivate: true },
    ]);
    expect((await privatePeopleNamed(db, user.id, null, 'met Priya raj ')).map((p) => p.name)).toEqual(['Raj Raj']);
  });

  it('a name in lower case a few blank lines after "send" is found as namedIn finds it', async () => {
    const user = await createTestUser();
    await db.insert(people).values({ userId: user.id, name: 'Raj Patel', keepPrivate: true });
    const text = `Remember to send${' '.repeat(30)}\n\nraj the deck.`;
    expect((await privatePeopleNamed(db, user.id, null, text)).map((p) => p.name)).toEqual(['Raj Patel']);
  });
});
