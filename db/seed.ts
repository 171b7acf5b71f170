/**
 * `npm run seed -- --people N --email E --password P [--reset]`
 * Creates (or reuses) that user and adds N realistic people across organisations and sectors, with events,
 * encounters, topics, facts and follow-ups in proportion. Deterministic: the same N gives the same data.
 * Runs against DATABASE_URL, or the embedded database when it is unset (stop `npm run dev` first).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { closeDb, currentDriver, db, type Tx } from './client';
import { runMigrations } from './migrate';
import * as s from './schema';
import { FACTS, FIRST_NAMES, FOLLOW_UPS, LAST_NAMES, NOTES, PLACES, SECTOR_DATA, SERIES, TOPICS } from './seed-data';
import { createUser, verifyCredentials } from '../lib/auth/users';
import { deferSearch } from '../lib/people/defer-search';

/** mulberry32: a small seeded generator, so runs are repeatable. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

async function insertInBatches<T>(tx: Tx, table: Parameters<Tx['insert']>[0], rows: T[], size = 1000) {
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size) as never);
  }
}

async function getOrCreateUser(email: string, password: string) {
  const [existing] = await db
    .select({ id: s.users.id })
    .from(s.users)
    .where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`);
  if (existing) {
    if (!(await verifyCredentials(email, password))) throw new Error(`${email} exists with another password.`);
    return existing.id;
  }
  const user = await createUser({ name: 'Sam Seed', email: email.toLowerCase(), password, timeZone: 'Europe/London', locale: 'en-GB' });
  return user.id;
}

export async function seed(opts: { people: number; email: string; password: string; reset?: boolean; log?: (m: string) => void }) {
  const log = opts.log ?? (() => {});
  const r = rng(opts.people * 7919 + 17);
  const userId = await getOrCreateUser(opts.email, opts.password);
  const today = new Date();
  const dayMs = 86_400_000;
  const REGIONS = ['North', 'South', 'East', 'West', 'Midlands', 'Scotland', 'Wales', 'Northern Ireland'];

  await db.transaction(async (tx) => {
    // One search refresh for everyone at commit rather than one per batch (migration 0018).
    await deferSearch(tx);
    if (opts.reset) {
      for (const table of [s.followUps, s.posts, s.insights, s.networkingEvents, s.people, s.organisations, s.topics]) {
        await tx.delete(table).where(eq((table as typeof s.people).userId, userId));
      }
    }
    const sectorRows = await tx.select().from(s.sectors).where(eq(s.sectors.userId, userId));
    const sectorByName = new Map(sectorRows.map((row) => [row.name, row.id]));
    for (const name of Object.keys(SECTOR_DATA)) {
      if (!sectorByName.has(name)) {
        const [row] = await tx.insert(s.sectors).values({ userId, name }).returning();
        sectorByName.set(name, row!.id);
      }
    }

    // Organisations: the named ones first, then place-based ones ("Leeds City Council") as N grows.
    const existingOrgs = await tx.select({ name: s.organisations.name }).from(s.organisations).where(eq(s.organisations.userId, userId));
    const taken = new Set(existingOrgs.map((o) => o.name.toLowerCase()));
    const orgTarget = Math.max(12, Math.ceil(opts.people / 8));
    const orgs: { id: string; userId: string; name: string; sectorId: string; sector: string; website: string | null }[] = [];
    const sectorNames = Object.keys(SECTOR_DATA);
    const candidates: { name: string; sector: string }[] = [];
    for (const sector of sectorNames) for (const name of SECTOR_DATA[sector]!.orgs) candidates.push({ name, sector });
    for (const place of PLACES) {
      for (const sector of sectorNames) {
        for (const suffix of SECTOR_DATA[sector]!.placed ?? []) candidates.push({ name: `${place} ${suffix}`, sector });
      }
    }
    for (let i = 0; orgs.length < orgTarget; i++) {
      const base = candidates[i % candidates.length]!;
      const round = Math.floor(i / candidates.length);
      // Past the list, regional offices: "Leeds City Council North" rather than a bare number.
      const c = round === 0 ? base : { ...base, name: `${base.name} ${REGIONS[round - 1] ?? `Office ${round}`}` };
      if (taken.has(c.name.toLowerCase())) continue;
      taken.add(c.name.toLowerCase());
      const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
      orgs.push({
        id: randomUUID(),
        userId,
        name: c.name,
        sectorId: sectorByName.get(c.sector)!,
        sector: c.sector,
        website: r.chance(0.6) ? `https://www.${slug}.example` : null,
      });
    }
    await insertInBatches(
      tx,
      s.organisations,
      orgs.map(({ sector: _sector, ...o }) => o),
    );
    log(`${orgs.length} organisations`);

    const persons = Array.from({ length: opts.people }, () => {
      const org = r.pick(orgs);
      const data = SECTOR_DATA[org.sector]!;
      const named = r.chance(0.85);
      const first = r.pick(FIRST_NAMES);
      const last = r.pick(LAST_NAMES);
      return {
        id: randomUUID(),
        userId,
        name: named ? `${first} ${last}` : null,
        role: r.chance(0.95) ? r.pick(data.roles) : null,
        organisationId: org.id,
        sectorId: r.chance(0.05) ? sectorByName.get(r.pick(sectorNames))! : null,
        email: named && r.chance(0.5) ? `${first}.${last}@${org.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`.toLowerCase().replace(/'/g, '') : null,
        phone: r.chance(0.2) ? `+44 7700 9${String(r.int(100000)).padStart(5, '0')}` : null,
        notes: r.chance(0.3) ? r.pick(NOTES) : null,
      };
    });
    await insertInBatches(tx, s.people, persons);
    log(`${persons.length} people`);

    const topicRows = TOPICS.map((name) => ({ id: randomUUID(), userId, name, normalisedName: name.toLowerCase() }));
    await tx.insert(s.topics).values(topicRows).onConflictDoNothing();
    const topicIds = (await tx.select({ id: s.topics.id }).from(s.topics).where(eq(s.topics.userId, userId))).map((t) => t.id);

    const eventCount = Math.max(5, Math.ceil(opts.people / 20));
    const events = Array.from({ length: eventCount }, (_, i) => {
      const series = r.pick(SERIES);
      const startsAt = new Date(today.getTime() - (1 + r.int(730)) * dayMs);
      startsAt.setUTCHours(18, 0, 0, 0);
      return {
        id: randomUUID(),
        userId,
        title: `${series.name} #${i + 1}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        venue: series.venue,
        host: series.host,
        series: series.name,
        summary: `An evening on ${r.pick(TOPICS)} and ${r.pick(TOPICS)}.`,
        reflection: r.chance(0.5) ? 'Good conversations; the panel was sharper than expected.' : null,
      };
    });
    await insertInBatches(tx, s.networkingEvents, events);

    const eventTopicRows = events.flatMap((e) => {
      const chosen = new Set(Array.from({ length: 2 + r.int(3) }, () => r.pick(topicIds)));
      return [...chosen].map((topicId) => ({ userId, eventId: e.id, topicId }));
    });
    await insertInBatches(tx, s.eventTopics, eventTopicRows);

    // Everyone was met at one to three events; 5% of encounters are speakers.
    const encounterRows: (typeof s.encounters.$inferInsert & { id: string })[] = [];
    const encounterTopicRows: (typeof s.encounterTopics.$inferInsert)[] = [];
    for (const p of persons) {
      const seen = new Set<string>();
      for (let k = 1 + r.int(3); k > 0; k--) {
        const e = r.pick(events);
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        const id = randomUUID();
        encounterRows.push({
          id,
          userId,
          eventId: e.id,
          personId: p.id,
          relation: r.chance(0.05) ? 'spoke' : 'met',
          notes: r.chance(0.2) ? r.pick(NOTES) : null,
          position: encounterRows.length,
        });
        if (r.chance(0.3)) encounterTopicRows.push({ userId, encounterId: id, topicId: r.pick(topicIds) });
      }
    }
    await insertInBatches(tx, s.encounters, encounterRows);
    await insertInBatches(tx, s.encounterTopics, encounterTopicRows);
    log(`${events.length} events, ${encounterRows.length} encounters`);

    // Most facts are credited to someone who spoke at that event, as one heard from the stage.
    const speakers = new Map<string, string[]>();
    for (const enc of encounterRows) {
      if (enc.relation === 'spoke') speakers.set(enc.eventId, [...(speakers.get(enc.eventId) ?? []), enc.personId]);
    }
    const insightRows = events.flatMap((e) =>
      Array.from({ length: 1 + r.int(3) }, (_, position) => {
        const onStage = speakers.get(e.id);
        return { userId, eventId: e.id, text: r.pick(FACTS), position, personId: onStage && r.chance(0.75) ? r.pick(onStage) : null };
      }),
    );
    await insertInBatches(tx, s.insights, insightRows);

    const followUpRows = Array.from({ length: Math.max(5, Math.ceil(opts.people / 10)) }, () => {
      const enc = r.pick(encounterRows);
      const done = r.chance(0.3);
      const due = r.chance(0.85) ? new Date(today.getTime() + (r.int(40) - 15) * dayMs).toISOString().slice(0, 10) : null;
      return {
        userId,
        action: r.pick(FOLLOW_UPS),
        dueOn: due,
        status: done ? ('done' as const) : ('open' as const),
        doneAt: done ? today : null,
        personId: enc.personId,
        eventId: enc.eventId,
      };
    });
    await insertInBatches(tx, s.followUps, followUpRows);
    log(`${insightRows.length} facts, ${followUpRows.length} follow-ups`);
  });
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.people)
    .where(and(eq(s.people.userId, userId)));
  return { userId, people: Number(count?.n ?? 0) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '200' },
      email: { type: 'string', default: 'demo@rapport.test' },
      password: { type: 'string', default: 'demo-password-123' },
      reset: { type: 'boolean', default: false },
    },
  });
  const people = Number(values.people);
  if (!Number.isInteger(people) || people < 0 || people > 1_000_000) throw new Error('--people must be a whole number up to 1,000,000');
  if (values.password!.length < 10) throw new Error('--password must be at least 10 characters');
  const started = Date.now();
  await runMigrations();
  console.log(`Seeding ${people} people for ${values.email} on ${currentDriver()}…`);
  const result = await seed({ people, email: values.email!, password: values.password!, reset: values.reset, log: (m) => console.log(`  ${m}`) });
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${values.email} now has ${result.people} people.`);
  await closeDb();
}

if (process.argv[1]?.endsWith('seed.ts')) {
  main().catch(async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await closeDb().catch(() => {});
    process.exit(1);
  });
}
