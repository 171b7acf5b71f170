import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { db } from '@/db/client';
import type { CurrentUser } from '@/lib/auth/users';
import { dataAction, formAction, refuse, type ActionResult } from '@/lib/actions/form-action';
import { NotFoundError, VersionConflictError } from '@/lib/errors';
import { createPerson } from '@/lib/people/queries';
import { searchPeople } from '@/lib/people/search';
import { createPersonSchema, searchParamsSchema } from '@/lib/people/validation';
import { createSector, listSectors } from '@/lib/sectors/queries';
import { createTestUser } from '../support/users';

// The session is the one thing stood in for: who is signed in. Everything else (limits, keys, writes) is real.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', async () => {
  const { redirect } = await import('next/navigation');
  return {
    getCurrentUser: async () => session.user,
    requireUser: async () => session.user ?? redirect('/sign-in'),
  };
});

const SECRET = 'hunter2-secret-note-7f3a';

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const addSector = formAction(
  z.object({ name: z.string().trim().min(1, 'Name the sector'), password: z.string().optional() }),
  async ({ user, input }) => {
    const sector = await createSector(user.id, input.name);
    return { id: sector!.id };
  },
  { name: 'test.add-sector' },
);

// With a key, the handler writes through ctx.tx, the key's transaction (on PGlite, one connection: the database
// itself would wait for that transaction forever).
const addPerson = formAction(
  z.object({ name: z.string().trim().min(1) }),
  async ({ user, input, tx }) => ({ id: (await createPerson(user.id, createPersonSchema.parse(input), tx)).id }),
  { name: 'test.add-person', idempotency: { scope: 'people.create' } },
);

const noWriteAllowed = () => {
  throw new Error('the handler must not run');
};

describe('formAction', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    session.user = null;
    delete process.env.API_WRITE_LIMIT;
  });

  it('refuses when signed out: a redirect to sign-in, and the handler never runs', async () => {
    const action = formAction(z.object({}), async () => noWriteAllowed(), { name: 'test.signed-out' });
    const err = await action({}, form({})).catch((e: unknown) => e);
    expect(isRedirectError(err)).toBe(true);
    expect(String((err as { digest: string }).digest)).toContain('/sign-in');
  });

  it('answers field errors with what the user typed, never the password', async () => {
    session.user = await createTestUser();
    const result = await addSector({}, form({ name: '   ', note: 'kept', password: SECRET, newPassword: SECRET }));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(400);
    expect(result.fieldErrors?.name).toEqual(['Name the sector']);
    expect(result.values).toEqual({ name: '   ', note: 'kept' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('saves once per idempotency key and answers the same data to the retry', async () => {
    session.user = await createTestUser();
    const first = await addPerson({}, form({ name: 'Ada', idempotencyKey: 'key-12345678' }));
    const retry = await addPerson({}, form({ name: 'Ada', idempotencyKey: 'key-12345678' }));
    expect(first).toEqual({ ok: true, data: { id: expect.any(String) } });
    expect(retry.data).toEqual(first.data);
    const found = await searchPeople(session.user.id, searchParamsSchema.parse({ q: 'Ada' }));
    expect(found.items.map((i) => i.id)).toEqual([first.data!.id]);
    const other = await addPerson({}, form({ name: 'Grace', idempotencyKey: 'key-12345678' }));
    expect(other).toMatchObject({ ok: false, status: 422, values: { name: 'Grace' } });
  });

  it('maps lib errors: a user-facing one beside its field, not found, a conflict with the saved copy', async () => {
    session.user = await createTestUser();
    await addSector({}, form({ name: 'Twice' }));
    const duplicate = await addSector({}, form({ name: 'twice' }));
    expect(duplicate).toMatchObject({ ok: false, status: 409, values: { name: 'twice' } });
    expect(duplicate.fieldErrors?.name?.length ?? (duplicate.message ? 1 : 0)).toBe(1);

    const missing = formAction(
      z.object({}),
      async () => {
        throw new NotFoundError();
      },
      { name: 't', notFoundMessage: 'That thing was not found.' },
    );
    expect(await missing({}, form({}))).toMatchObject({ ok: false, status: 404, message: 'That thing was not found.' });

    const stale = formAction(
      z.object({}),
      async () => {
        throw new VersionConflictError({ version: 7, name: 'Theirs' });
      },
      { name: 't' },
    );
    const conflict = await stale({}, form({ name: 'Mine', version: '6' }));
    expect(conflict).toMatchObject({ ok: false, status: 409, conflict: { version: 7, name: 'Theirs' }, values: { name: 'Mine', version: '7' } });

    const refused = dataAction(z.string(), async () => refuse({ message: 'You may already have this person.', data: ['x'] }), { name: 't' });
    expect(await refused('a')).toMatchObject({ ok: false, message: 'You may already have this person.', data: ['x'] });
  });

  it('counts writes against the per-user limit shared with the API, and refuses past it', async () => {
    session.user = await createTestUser();
    process.env.API_WRITE_LIMIT = '3';
    const results: ActionResult[] = [];
    for (let i = 0; i < 5; i++) results.push(await addSector({}, form({ name: `Sector ${i}` })));
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: false, status: 429, values: { name: 'Sector 3' } });
    expect(results[3]!.message).toMatch(/More than 3 changes in a minute/);
    expect((await listSectors(session.user.id)).map((s) => s.name)).not.toContain('Sector 3');
    // Previews change nothing and are not counted.
    const preview = dataAction(z.string(), async ({ input }) => input, { name: 't', write: false });
    expect(await preview('still fine')).toEqual({ ok: true, data: 'still fine' });
  });

  it('logs an unexpected failure by code and action, never the query parameters', async () => {
    session.user = await createTestUser();
    const failing = formAction(z.object({ note: z.string() }), async ({ input }) => db.execute(sql`select ${input.note}::int as n`), { name: 'test.failing' });
    const result = await failing({}, form({ note: SECRET }));
    expect(result).toMatchObject({ ok: false, status: 500, message: 'Something went wrong on our side. Nothing was changed.' });
    expect(result.values).toEqual({ note: SECRET });
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain('test.failing');
    expect(errors[0]).toContain('22P02');
    expect(errors[0]).not.toContain(SECRET);
  });
});
