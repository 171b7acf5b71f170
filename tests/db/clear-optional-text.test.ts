import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PATCH as patchEvent } from '@/app/api/v1/events/[id]/route';
import { POST as postEvent } from '@/app/api/v1/events/route';
import { PATCH as patchPerson } from '@/app/api/v1/people/[id]/route';
import { updateOrganisationAction } from '@/app/(app)/organisations/actions';
import { updatePersonAction } from '@/app/(app)/people/actions';
import { createApiToken } from '@/lib/api/tokens';
import { getOrganisation } from '@/lib/organisations/queries';
import { getPerson } from '@/lib/people/queries';
import { callRoute } from '../support/api';
import { makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

/*
 * An emptied optional field clears what was stored: "" in a PATCH or a form is "no value now", not "leave it".
 * A field the request does not carry stays as it was.
 */

const session = vi.hoisted(() => ({ user: null as null | { id: string } }));
vi.mock('@/lib/dal', async () => {
  const { redirect } = await import('next/navigation');
  return {
    getCurrentUser: async () => session.user,
    getSessionId: async () => undefined,
    requireUser: async () => {
      if (!session.user) redirect('/sign-in');
      return session.user;
    },
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

let user: { id: string };
let token: string;

beforeAll(async () => {
  user = await createTestUser();
  token = (await createApiToken(user.id, 'tests')).token;
});

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** Runs a server action that redirects on success; the redirect is how it says "saved". */
async function redirects(run: () => Promise<unknown>): Promise<void> {
  const result = await run().catch((err: unknown) => err);
  expect(result instanceof Error && /NEXT_REDIRECT/.test(result.message), JSON.stringify(result)).toBe(true);
}

describe('an emptied optional text field clears the stored value', () => {
  it('PATCH /api/v1/people/{id}: "" and null clear; an absent field is unchanged', async () => {
    const p = await makePerson(user.id, { name: 'Ada Lovelace', role: 'Analyst', notes: 'Likes engines' });
    const res = await callRoute(patchPerson, 'PATCH', `/api/v1/people/${p.id}`, {
      token,
      params: { id: p.id },
      body: { version: p.version, role: '', notes: null },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Ada Lovelace', role: null, notes: null });
    expect(await getPerson(user.id, p.id)).toMatchObject({ name: 'Ada Lovelace', role: null, notes: null });
  });

  it('the person edit form: an emptied role or notes clears it', async () => {
    session.user = user;
    const p = await makePerson(user.id, { name: 'Grace Hopper', role: 'Admiral', notes: 'COBOL' });
    await redirects(() =>
      updatePersonAction(
        p.id,
        {},
        form({
          name: 'Grace Hopper',
          role: '',
          organisationName: '',
          sectorId: '',
          email: '',
          phone: '',
          links: '',
          notes: '  ',
          topics: '',
          version: String(p.version),
        }),
      ),
    );
    expect(await getPerson(user.id, p.id)).toMatchObject({ name: 'Grace Hopper', role: null, notes: null, version: p.version + 1 });
  });

  it('the organisation edit form: an emptied website or notes clears it', async () => {
    session.user = user;
    const o = await makeOrganisation(user.id, `Org ${Math.random()}`);
    const saved = await updateOrganisationAction(o.id, {}, form({ name: o.name, sectorId: '', website: 'https://example.com', notes: 'Big', version: '1' }));
    expect(saved).toMatchObject({ ok: true });
    expect(await getOrganisation(user.id, o.id)).toMatchObject({ website: 'https://example.com', notes: 'Big', version: 2 });
    const cleared = await updateOrganisationAction(o.id, {}, form({ name: o.name, sectorId: '', website: '', notes: '', version: '2' }));
    expect(cleared).toMatchObject({ ok: true });
    expect(await getOrganisation(user.id, o.id)).toMatchObject({ website: null, notes: null, version: 3 });
  });

  it('PATCH /api/v1/events/{id}: "" clears the venue; an absent host is unchanged', async () => {
    const created = await (
      await callRoute(postEvent, 'POST', '/api/v1/events', { token, body: { title: 'Meetup', startsAt: '2026-03-01T18:00:00Z', venue: 'Hall', host: 'Guild' } })
    ).json();
    const res = await callRoute(patchEvent, 'PATCH', `/api/v1/events/${created.id}`, {
      token,
      params: { id: created.id },
      body: { version: created.version, venue: '' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ venue: null, host: 'Guild' });
  });
});
