import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '@/lib/errors';
import { runImport } from '@/lib/import/run';
import { createPerson, getPerson, updatePerson } from '@/lib/people/queries';
import { createPersonSchema } from '@/lib/people/validation';
import { createTestUser } from '../support/users';

const card = (name: string, email: string, note?: string) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `EMAIL:${email}`, ...(note ? [`NOTE:${note}`] : []), 'END:VCARD'].join('\r\n');

// Two connections at once: only the PostgreSQL server has them (PGlite is one connection, so there an edit simply
// waits for the import's transaction).
describe.skipIf(!process.env.DATABASE_URL)('an import racing an edit (PostgreSQL server)', () => {
  it('holds the people it matched from its plan to its commit: an edit made meanwhile waits, then meets the new version', async () => {
    const user = await createTestUser();
    const pat = await createPerson(user.id, createPersonSchema.parse({ name: 'Pat Lee', email: 'pat@example.test', notes: 'Met at the CIO Club' }));
    // Pat's card comes after the first batch of 500, so the import has planned Pat's update but not written it yet
    // when it reports its first progress.
    const cards = Array.from({ length: 520 }, (_, i) => card(`Person ${i}`, `p${i}@example.test`));
    const text = [...cards, card('Pat Lee', 'pat@example.test', 'Runs the data team')].join('\r\n');

    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atPause = new Promise<void>((r) => (reached = r));
    const importing = runImport(user.id, 'vcard', text, {
      onProgress: async (done, total) => {
        if (done > 0 && done < total) {
          reached();
          await paused;
        }
      },
    });
    await atPause;

    let settled = false;
    const editing = updatePerson(user.id, pat.id, { version: pat.version, notes: 'Met at the CIO Club\n\nNew phone: 07700 900123' }).then(
      () => 'saved',
      (e: unknown) => e,
    );
    void editing.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 400));
    // Without the lock the edit is saved here, and the import then writes its stale copy of the notes over it.
    expect(settled).toBe(false);
    release();
    expect(await importing).toMatchObject({ created: 520, updated: 1 });
    expect(await editing).toBeInstanceOf(VersionConflictError);
    expect((await getPerson(user.id, pat.id)).notes).toBe('Met at the CIO Club\n\nRuns the data team');
  });
});
