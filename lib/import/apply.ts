import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { rows } from '@/db/rows';
import { people, sectors, type ImportedUpdate, type LearntSector } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';
import { mostChosen } from './votes';
import { findOrCreateOrganisation, findOrCreateOrganisations, foldName } from '@/lib/organisations/find-or-create';
import { deferSearch } from '@/lib/people/defer-search';
import { addPersonTopics } from '@/lib/people/topics';
import { normaliseTopic } from '@/lib/topics/normalise';
import { recordImport } from './undo';
import { planImport, type ImportPlan, type SectorChoices } from './plan';
import type { ContactDraft, RowError } from './types';

export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  /** A backup's skipped rows by table (`{ sectors: 12 }`), for the page to say what they were; contacts have none. */
  skippedBy?: Record<string, number>;
  /** Rows left out, by line, and why. */
  errors: RowError[];
  /**
   * Rows written otherwise than the file has them, and why: a contact's value that could not be its field (kept in
   * the notes instead), or a backup's row (see RestoreSummary).
   */
  notes?: string[];
  /** A CSV's rows with every cell empty, passed over. */
  blankLines?: number;
  /** A contacts import that wrote anyone: what undoes it (POST /api/v1/import/{undoId}/undo), for the restore window. */
  undoId?: string;
}

const IMPORT_BATCH = 500;

/** An import refused as a whole: rows with errors (and the user did not choose to import the good rows). */
export class ImportRefusedError extends UserFacingError {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} row${errors.length === 1 ? '' : 's'} cannot be imported; nothing was written.`, 422);
    this.name = 'ImportRefusedError';
  }
}

/** Takes a transaction-scoped lock so that two imports of one user (a double-tapped button, a retry) run one after the other. */
export async function lockImports(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rapport-import:${userId}`}))`);
}

/** Counts what a plan would do, for the API's answer, with each row written otherwise than the file has it. */
export function summarise(plan: ImportPlan): ImportSummary {
  const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
  const notes = plan.rows.filter((r) => r.warnings.length).map((r) => `Line ${r.line}: ${r.warnings.join('; ')}`);
  return { created: count('create'), updated: count('update'), skipped: count('skip'), errors: plan.errors, ...(notes.length ? { notes } : {}) };
}

/**
 * Files each organisation that has no sector under the one its rows chose (sectorsToLearn), as
 * findOrCreateOrganisation does for one person; an organisation with a sector keeps it. One statement for them all,
 * then one read of every organisation's sector as it now is: id → sector id (null for none).
 */
async function learnSectors(
  tx: Tx,
  userId: string,
  learnt: Map<string, string>,
  organisationIds: string[],
  filed: LearntSector[],
): Promise<Map<string, string | null>> {
  if (learnt.size) {
    const pairs = JSON.stringify([...learnt].map(([organisation, sector]) => ({ organisation, sector })));
    // Those filed are told to the caller (`filed`), for the import's undo.
    const done = await rows<{ id: string; sector_id: string; version: number }>(
      tx,
      sql`update organisations o set sector_id = c.sector, updated_at = now()
            from jsonb_to_recordset(${pairs}::jsonb) as c(organisation uuid, sector uuid)
           where o.user_id = ${userId}::uuid and o.id = c.organisation and o.sector_id is null and o.deleted_at is null
          returning o.id::text, o.sector_id::text, o.version`,
    );
    filed.push(...done.map((o) => ({ id: o.id, sectorId: o.sector_id, version: Number(o.version) })));
  }
  if (organisationIds.length === 0) return new Map();
  const found = await rows<{ id: string; sector_id: string | null }>(
    tx,
    sql`select id::text, sector_id::text from organisations
         where user_id = ${userId}::uuid
           and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(organisationIds)}::jsonb) x)`,
  );
  return new Map(found.map((o) => [o.id, o.sector_id]));
}

/**
 * Imports contacts: all of them in one transaction (all or nothing), written in batches of IMPORT_BATCH, with
 * `onProgress(done, total)` after each batch. The plan is made again inside the transaction, under a per-user
 * lock, so a re-sent import finds what the first one wrote and creates nothing twice. Rows with errors refuse
 * the import unless `goodRows` is set (the user chose "import the good rows"). New people go through the same
 * organisation find-or-create as people added by hand, and by its rule: an organisation with no sector learns the
 * one chosen for its rows, and a person whose sector is their organisation's follows it rather than copying it (the
 * search index is kept by the database, refreshed once at commit: migration 0018).
 */
export async function applyImport(
  userId: string,
  drafts: ContactDraft[],
  readErrors: RowError[],
  opts: { goodRows?: boolean; choices?: SectorChoices; source?: string; onProgress?: (done: number, total: number) => void | Promise<void> } = {},
): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    await lockImports(tx, userId);
    // Thousands of rows in batches: one search refresh at commit for everyone written, not one per statement.
    await deferSearch(tx);
    const plan = await planImport(tx, userId, drafts, readErrors, opts.choices, { lock: true });
    if (plan.errors.length && !opts.goodRows) {
      throw new ImportRefusedError(plan.errors);
    }
    const sectorIds = new Map(
      (
        await tx
          .select({ id: sectors.id, name: sectors.name })
          .from(sectors)
          .where(and(eq(sectors.userId, userId), isNull(sectors.deletedAt)))
      ).map((s) => [s.name, s.id]),
    );
    const work = plan.rows.filter((r) => r.action !== 'skip');
    // The organisation each row files its person under: a new person's from the file; someone updated keeps the one
    // they are at, and only takes the file's when they had none (so no organisation is made that nobody is at).
    const newOrgName = (r: (typeof work)[number]) => (r.action === 'create' ? r.input.organisationName : r.changes.organisationName) ?? null;
    const names = work.map(newOrgName).filter((n): n is string => !!n);
    const madeOrgs: string[] = [];
    const orgIds = await findOrCreateOrganisations(tx, userId, names, madeOrgs);
    for (const name of names) {
      // Missed by the batch only when its organisation was merged away meanwhile: one at a time finds where it went.
      if (!orgIds.has(foldName(name))) orgIds.set(foldName(name), (await findOrCreateOrganisation(tx, userId, name)).id);
    }
    const rowOrg = new Map(work.map((r) => [r.line, newOrgName(r) ? orgIds.get(foldName(newOrgName(r)!))! : r.organisationId]));
    // Organisations learn the sectors chosen for their rows before anyone is written, so that a person whose sector
    // is their organisation's then follows it (no sector of their own), as when logged by hand.
    // Only a row that files its person under the file's organisation has a say in that organisation's sector: one
    // matched by email who stays at another organisation must not give it the sector chosen for the file's.
    const learnt = mostChosen(
      work.map((r) => ({
        key: newOrgName(r) ? (rowOrg.get(r.line) ?? null) : null,
        choice: r.sector && !r.sectorFromOrganisation ? (sectorIds.get(r.sector) ?? null) : null,
      })),
    );
    const sectorsLearnt: LearntSector[] = [];
    const orgSector = await learnSectors(tx, userId, learnt, [...new Set([...rowOrg.values()].filter((id): id is string => !!id))], sectorsLearnt);
    /** The person's own sector: the one chosen, unless it is their organisation's (then they follow it). */
    const ownSector = (line: number, sector: string | null | undefined) => {
      const id = sector ? (sectorIds.get(sector) ?? null) : null;
      const org = rowOrg.get(line);
      return id && id !== (org ? orgSector.get(org) : null) ? id : null;
    };
    const total = work.length;
    const made: string[] = [];
    const changed: ImportedUpdate[] = [];
    await opts.onProgress?.(0, total);
    for (let i = 0; i < work.length; i += IMPORT_BATCH) {
      const batch = work.slice(i, i + IMPORT_BATCH);
      const inserts = [];
      for (const r of batch.filter((b) => b.action === 'create')) {
        const { input } = r;
        inserts.push({
          userId,
          name: input.name,
          role: input.role,
          organisationId: rowOrg.get(r.line) ?? null,
          // A sector the organisation has is followed, not copied, so re-filing the organisation moves them.
          sectorId: ownSector(r.line, r.sector),
          email: input.email,
          phone: input.phone,
          links: input.links,
          notes: input.notes,
        });
      }
      const created = batch.filter((b) => b.action === 'create');
      const topicsWanted: { personId: string; topics: string[] }[] = [];
      if (inserts.length) {
        const ids = await tx.insert(people).values(inserts).returning({ id: people.id });
        ids.forEach((row, k) => topicsWanted.push({ personId: row.id, topics: created[k]!.input.topics }));
        made.push(...ids.map((row) => row.id));
      }
      for (const r of batch.filter((b) => b.action === 'update')) {
        const { sectorName, organisationName, topics, ...fields } = r.changes;
        if (topics) topicsWanted.push({ personId: r.personId!, topics });
        const set: Partial<typeof people.$inferInsert> = { ...fields };
        if (organisationName) set.organisationId = rowOrg.get(r.line) ?? null;
        // A sector suggested by the file's organisation says nothing about someone who stays at another one.
        const own = newOrgName(r) || !r.sectorFromOrganisation ? ownSector(r.line, sectorName) : null;
        if (own) set.sectorId = own;
        const [after] = await tx
          .update(people)
          .set({ ...set, version: sql`${people.version} + 1`, updatedAt: new Date() })
          .where(and(eq(people.userId, userId), eq(people.id, r.personId!)))
          .returning({ version: people.version });
        if (after) {
          const before = { ...r.before };
          if (!set.sectorId) delete before.sectorId;
          changed.push({ id: r.personId!, version: after.version, before, ...(topics?.length ? { topicsAdded: topics.map(normaliseTopic) } : {}) });
        }
      }
      await addPersonTopics(tx, userId, topicsWanted);
      if (i === 0 && total > IMPORT_BATCH) {
        // The planner's statistics may still describe an empty address book; with them it would join the next
        // batches, and later reads (an export right after), by nested loops over every row. Fresh statistics
        // count this transaction's own rows.
        await tx.execute(sql`analyze people, organisations, search_words`);
      }
      await opts.onProgress?.(Math.min(i + batch.length, total), total);
    }
    // Organisations it made learn their sector as they are made: undo removes them whole, so only the others' is kept.
    const newOrgs = new Set(madeOrgs);
    const undoId = await recordImport(
      tx,
      userId,
      made,
      changed,
      {
        organisations: madeOrgs,
        sectorsLearnt: sectorsLearnt.filter((o) => !newOrgs.has(o.id)),
      },
      opts.source ?? null,
    );
    return { ...summarise(plan), ...(undoId ? { undoId } : {}) };
  });
}
