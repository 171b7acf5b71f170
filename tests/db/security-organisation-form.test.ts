import { describe, expect, it, vi } from 'vitest';
import { updateOrganisationAction } from '@/app/(app)/organisations/actions';
import type { CurrentUser } from '@/lib/auth/users';
import { getOrganisation } from '@/lib/organisations/queries';
import { makeOrganisation, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

/*
 * The organisation form's action takes the fields the form has, by name: nothing else a request carries reaches
 * the schema. The schema is made strict here, so a field that reached it unasked would refuse the save and show.
 */

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => session.user, getSessionId: async () => undefined, requireUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/organisations/queries', async (original) => {
  const real = await original<typeof import('@/lib/organisations/queries')>();
  return { ...real, organisationUpdateSchema: real.organisationUpdateSchema.strict() };
});

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe('updateOrganisationAction takes only the form’s fields', () => {
  it('keys the form does not have (React’s $ACTION_ keys, an owner, a deletion) never reach the schema', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    session.user = user;
    const o = await makeOrganisation(user.id, `Leeds ${Math.random()}`);
    const health = await sectorId(user.id, 'Health');
    const saved = await updateOrganisationAction(
      o.id,
      {},
      form({
        name: 'Leeds Teaching Hospitals',
        sectorId: health,
        website: 'https://leedsth.example',
        notes: 'Big',
        version: '1',
        $ACTION_REF_1: '',
        '$ACTION_1:0': '{"id":"abc","bound":"$@1"}',
        $ACTION_KEY: 'k1',
        userId: other.id,
        deletedAt: '2020-01-01T00:00:00Z',
      }),
    );
    expect(saved).toMatchObject({ ok: true, message: 'Saved.' });
    expect(await getOrganisation(user.id, o.id)).toMatchObject({
      name: 'Leeds Teaching Hospitals',
      sector: { id: health },
      website: 'https://leedsth.example',
      notes: 'Big',
      version: 2,
    });
  });

  it('a field the form does not carry is left as it is, as before', async () => {
    const user = await createTestUser();
    session.user = user;
    const o = await makeOrganisation(user.id, `York ${Math.random()}`);
    expect(await updateOrganisationAction(o.id, {}, form({ name: o.name, website: 'https://york.example', notes: 'Small', version: '1' }))).toMatchObject({
      ok: true,
    });
    expect(await updateOrganisationAction(o.id, {}, form({ name: 'York Council', version: '2' }))).toMatchObject({ ok: true });
    expect(await getOrganisation(user.id, o.id)).toMatchObject({ name: 'York Council', website: 'https://york.example', notes: 'Small', version: 3 });
  });
});
