import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { people } from '@/db/schema';
import { namedIn } from '@/lib/posts/mentions';
import { privatePeopleNamed } from '@/lib/posts/named';
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
      fc.constantFrom('met', 'the', 'grace', 'and', ',', '.', '’s'),
    );
    const text = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' '));
    await fc.assert(
      fc.asyncProperty(text, book, async (t, everyone) => {
        await db.execute(sql`delete from people where user_id = ${user.id}::uuid`);
        if (everyone.length) await db.insert(people).values(everyone.map((p) => ({ userId: user.id, name: p.name, keepPrivate: p.keepPrivate })));
        const found = (await privatePeopleNamed(db, user.id, null, t)).map((p) => p.name).sort();
        // The same check over every person, read whole.
        expect(found).toEqual(
          namedIn(t, [], everyone)
            .filter((p) => p.keepPrivate)
            .map((p) => p.name)
            .sort(),
        );
      }),
      { numRuns: 100 },
    );
  });
});
