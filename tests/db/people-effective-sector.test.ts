import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { people } from '@/db/schema';
import { eventInputSchema } from '@/lib/events/validation';
import { createEvent } from '@/lib/events/write';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { updateOrganisation } from '@/lib/organisations/queries';
import { RANKED_LIMIT } from '@/lib/people/search-list';
import { COUNT_LIMIT, searchPeople } from '@/lib/people/search';
import { searchParamsSchema } from '@/lib/people/validation';
import { mergeSectors } from '@/lib/sectors/merge';
import { deleteSector } from '@/lib/sectors/queries';
import { makeEvent, makeOrganisation, makePerson, sectorId } from '../support/fixtures';
import { createTestUser } from '../support/users';

const search = (userId: string, p: Record<string, unknown>) => searchPeople(userId, searchParamsSchema.parse(p));
const days = (n: number) => new Date(Date.now() - n * 86_400_000);

/** The stored effective sector of each of the user's people, by id. */
async function stored(userId: string): Promise<Map<string, string | null>> {
  const found = await db.select({ id: people.id, sector: people.effectiveSectorId }).from(people).where(eq(people.userId, userId));
  return new Map(found.map((r) => [r.id, r.sector]));
}

/** People whose stored effective sector differs from their own sector, else their organisation's. */
async function stale(userId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select p.id from people p left join organisations o on o.id = p.organisation_id
         where p.user_id = ${userId}::uuid
           and p.effective_sector_id is distinct from coalesce(p.sector_id, o.sector_id)`,
  );
  return found.map((r) => r.id);
}

describe('the effective sector (own, else the organisation’s) stays right', () => {
  it('when an organisation is re-filed under another sector', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Leeds City Council', 'Government');
    const follows = await makePerson(user.id, { role: 'Head of IT', organisationId: org.id });
    const own = await makePerson(user.id, { name: 'Ana', organisationId: org.id, sector: 'Technology' });
    const health = await sectorId(user.id, 'Health');
    await updateOrganisation(user.id, org.id, { name: org.name, sectorId: health, website: null, notes: null, version: 1 });
    const s = await stored(user.id);
    expect(s.get(follows.id)).toBe(health);
    expect(s.get(own.id)).toBe(await sectorId(user.id, 'Technology'));
    expect((await search(user.id, { sector: 'Health' })).items.map((i) => i.id)).toEqual([follows.id]);
    expect((await search(user.id, { sector: 'Government' })).total).toBe(0);
    expect(await stale(user.id)).toEqual([]);
  });

  it('when an organisation first learns its sector from an event', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'County Council');
    const before = await makePerson(user.id, { name: 'Already There', organisationId: org.id });
    await createEvent(
      user.id,
      eventInputSchema.parse({
        title: 'Council tech day',
        startsAt: '2026-04-23T18:30:00+01:00',
        people: [{ role: 'CTO', organisation: 'county council', sector: 'Government' }],
      }),
    );
    expect((await stored(user.id)).get(before.id)).toBe(await sectorId(user.id, 'Government'));
    expect((await search(user.id, { sector: 'Government' })).total).toBe(2);
    expect(await stale(user.id)).toEqual([]);
  });

  it('when two sectors are merged, for people filed directly and through their organisation', async () => {
    const user = await createTestUser();
    const from = await sectorId(user.id, 'Public sector');
    const into = await sectorId(user.id, 'Government');
    const org = await makeOrganisation(user.id, 'Department for Transport', 'Public sector');
    const viaOrg = await makePerson(user.id, { name: 'Tom', organisationId: org.id });
    const direct = await makePerson(user.id, { name: 'Priya', sector: 'Public sector' });
    const elsewhere = await makePerson(user.id, { name: 'Sam', sector: 'Media' });
    await mergeSectors(user.id, from, into);
    const s = await stored(user.id);
    expect(s.get(viaOrg.id)).toBe(into);
    expect(s.get(direct.id)).toBe(into);
    expect(s.get(elsewhere.id)).toBe(await sectorId(user.id, 'Media'));
    const gov = await search(user.id, { sector: 'Government' });
    expect(gov.items.map((i) => i.id).sort()).toEqual([viaOrg.id, direct.id].sort());
    expect(gov.facets.find((f) => f.name === 'Government')?.count).toBe(2);
    expect(await stale(user.id)).toEqual([]);
  });

  it('when a sector is deleted with its people re-assigned', async () => {
    const user = await createTestUser();
    const org = await makeOrganisation(user.id, 'Acme', 'Retail');
    const p = await makePerson(user.id, { name: 'Jo', organisationId: org.id });
    await deleteSector(user.id, await sectorId(user.id, 'Retail'), await sectorId(user.id, 'Other'));
    expect((await stored(user.id)).get(p.id)).toBe(await sectorId(user.id, 'Other'));
    expect(await stale(user.id)).toEqual([]);
  });

  it('when two organisations are merged and the kept one takes the other’s sector', async () => {
    const user = await createTestUser();
    const keep = await makeOrganisation(user.id, 'Dept for Education');
    const other = await makeOrganisation(user.id, 'Department for Education', 'Government');
    const a = await makePerson(user.id, { name: 'A', organisationId: keep.id });
    const b = await makePerson(user.id, { name: 'B', organisationId: other.id });
    expect((await stored(user.id)).get(a.id)).toBeNull();
    await mergeOrganisations(user.id, keep.id, other.id);
    const gov = await sectorId(user.id, 'Government');
    const s = await stored(user.id);
    expect([s.get(a.id), s.get(b.id)]).toEqual([gov, gov]);
    // The organisation's name is part of what ranks a match: the merged people are found by the kept name.
    expect((await search(user.id, { q: 'dept', sector: 'Government' })).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(await stale(user.id)).toEqual([]);
  });
});

describe('broad words on a large address book', () => {
  it('ranks title matches first, then everyone else by last met, and pages through both tiers without gaps', async () => {
    const user = await createTestUser();
    const club = await makeOrganisation(user.id, 'CIO Club', 'Technology');
    const cio = await makePerson(user.id, { name: 'Ravi', role: 'CIO' });
    const member = await makePerson(user.id, { name: 'Member Of', organisationId: club.id });
    const guests = [];
    for (let i = 0; i < 4; i++) guests.push(await makePerson(user.id, { name: `Guest ${i}`, role: 'Analyst' }));
    // Everyone met at a CIO Club evening, so "cio" matches them all; the guests only through the event.
    for (const [i, g] of guests.entries()) {
      await makeEvent(user.id, { title: `CIO Club ${i}`, startsAt: days(10 + i), people: [{ personId: g.id }] });
    }
    await makeEvent(user.id, { title: 'CIO Club old', startsAt: days(300), people: [{ personId: cio.id }, { personId: member.id }] });
    const all = await search(user.id, { q: 'cio', limit: 100 });
    // The organisation's name outweighs the role (as in the ranking test of people-search.test.ts).
    expect(all.items.map((i) => i.id)).toEqual([member.id, cio.id, ...guests.map((g) => g.id)]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(user.id, { q: 'cio', limit: 1, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    // Three at a time, the first page starts in the upper tier and ends in the lower one.
    const first = await search(user.id, { q: 'cio', limit: 3 });
    const second = await search(user.id, { q: 'cio', limit: 3, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id));
  });

  it(`pages without gaps or repeats past the ${RANKED_LIMIT} ranked title matches`, async () => {
    const user = await createTestUser();
    await db
      .insert(people)
      .values([
        ...Array.from({ length: RANKED_LIMIT + 5 }, (_, i) => ({ userId: user.id, name: `Analyst ${i}`, role: i % 3 ? 'Analyst' : 'Data analyst' })),
        ...Array.from({ length: 3 }, (_, i) => ({ userId: user.id, name: `Friend ${i}`, notes: 'Knows an analyst' })),
      ]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(user.id, { q: 'analyst', limit: 40, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(RANKED_LIMIT + 8);
    expect(new Set(seen).size).toBe(RANKED_LIMIT + 8);
  });

  it(`past ${COUNT_LIMIT} matches, walks people in last-met order and pages exactly as the ranking says, in one sector or several`, async () => {
    const user = await createTestUser();
    const gov = await sectorId(user.id, 'Government');
    const media = await sectorId(user.id, 'Media');
    const n = COUNT_LIMIT + 40;
    await db.insert(people).values(
      Array.from({ length: n }, (_, i) => ({
        userId: user.id,
        name: `Visitor ${i}`,
        role: i % 7 === 0 ? 'Conference organiser' : 'Delegate',
        notes: 'Met at the conference',
        sectorId: i % 2 ? media : gov,
      })),
    );
    // Distinct last-met times, some never met, without events (the search reads the stored column).
    await db.execute(sql`update people set last_met_at = case when (substring(name from '[0-9]+')::int) % 50 = 3 then null
                           else now() - (substring(name from '[0-9]+')::int * interval '1 hour') end
                          where user_id = ${user.id}::uuid`);
    const all = await rows<{ id: string; role: string; met: string | null; sector: string }>(
      db,
      sql`select id::text, role, last_met_at::text as met, effective_sector_id::text as sector from people where user_id = ${user.id}::uuid`,
    );
    // Most recently met first, never met last, then by id (Postgres orders uuids as their hex text).
    const byMet = (a: (typeof all)[number], b: (typeof all)[number]) =>
      a.met === b.met ? (a.id < b.id ? -1 : 1) : a.met === null ? 1 : b.met === null ? -1 : a.met > b.met ? -1 : 1;
    const expected = (rowsIn: typeof all) => {
      const titled = rowsIn
        .filter((r) => r.role.startsWith('Conference'))
        .sort(byMet)
        .slice(0, RANKED_LIMIT);
      const ranked = new Set(titled.map((r) => r.id));
      return [...titled, ...rowsIn.filter((r) => !ranked.has(r.id)).sort(byMet)].map((r) => r.id);
    };
    const pages = async (extra: Record<string, unknown>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let first: Awaited<ReturnType<typeof search>> | undefined;
      do {
        const page = await search(user.id, { q: 'conference', limit: 60, cursor, ...extra });
        first ??= page;
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { seen, first: first! };
    };
    const everyone = await pages({});
    expect(everyone.first.facetsCapped).toBe(true);
    expect(everyone.seen).toEqual(expected(all));
    const both = await pages({ sector: ['Government', 'Media'] });
    expect(both.seen).toEqual(expected(all));
    const govOnly = await pages({ sector: 'Government' });
    expect(govOnly.seen).toEqual(expected(all.filter((r) => r.sector === gov)));
  });

  it(`counts exactly up to ${COUNT_LIMIT} matches and says "more" beyond`, async () => {
    const user = await createTestUser();
    const gov = await sectorId(user.id, 'Government');
    const media = await sectorId(user.id, 'Media');
    await db.insert(people).values(
      Array.from({ length: COUNT_LIMIT + 20 }, (_, i) => ({
        userId: user.id,
        name: `Delegate ${i}`,
        role: i % 2 ? 'Analyst' : 'Editor',
        sectorId: i < 10 ? media : gov,
      })),
    );
    const unfiltered = await search(user.id, {});
    expect([unfiltered.total, unfiltered.totalCapped, unfiltered.facetsCapped]).toEqual([COUNT_LIMIT + 20, false, false]);
    expect(unfiltered.facets.find((f) => f.name === 'Media')?.count).toBe(10);
    const broad = await search(user.id, { q: 'delegate' });
    expect([broad.total, broad.totalCapped, broad.facetsCapped]).toEqual([COUNT_LIMIT, true, true]);
    // Past the limit the facets are a sample of the matches: every count a lower bound, adding up to the sample.
    expect(broad.facets.reduce((n, f) => n + f.count, 0)).toBe(COUNT_LIMIT + 1);
    expect(broad.facets.find((f) => f.name === 'Media')?.count).toBeLessThanOrEqual(10);
    const narrow = await search(user.id, { q: 'delegate', sector: 'Media' });
    expect([narrow.total, narrow.totalCapped]).toEqual([10, false]);
    expect(narrow.items).toHaveLength(10);
    // In a chosen sector with more than a page of matches, the total is a lower bound ("N+"), never more than the truth.
    const inGov = await search(user.id, { q: 'delegate', sector: 'Government' });
    expect(inGov.totalCapped).toBe(true);
    expect(inGov.total).toBeGreaterThanOrEqual(inGov.items.length);
    expect(inGov.total).toBeLessThanOrEqual(COUNT_LIMIT + 10);
    const editors = await search(user.id, { q: 'editor', sector: 'Government' });
    expect(editors.totalCapped).toBe(false);
    expect(editors.total).toBe((COUNT_LIMIT + 20) / 2 - 5);
    // No stale sectors after a bulk load either.
    const wrong = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.userId, user.id), sql`${people.effectiveSectorId} is distinct from ${people.sectorId}`));
    expect(wrong).toEqual([]);
  });
});
