import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { people, sectors } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';
import { findOrCreateOrganisation, findOrCreateOrganisations, foldName } from '@/lib/organisations/find-or-create';
import { deferSearch } from '@/lib/people/defer-search';
import { addPersonTopics } from '@/lib/people/topics';
import { planImport, type ImportPlan, type SectorChoices } from './plan';
import type { ContactDraft, RowError } from './types';

export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  errors: RowError[];
  /** Rows written otherwise than the file has them, and why (a backup's restore says; see RestoreSummary). */
  notes?: string[];
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

/** Counts what a plan would do, for the API's answer. */
export function summarise(plan: ImportPlan): ImportSummary {
  const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
  return { created: count('create'), updated: count('update'), skipped: count('skip'), errors: plan.errors };
}

/**
 * Imports contacts: all of them in one transaction (all or nothing), written in batches of IMPORT_BATCH, with
 * `onProgress(done, total)` after each batch. The plan is made again inside the transaction, under a per-user
 * lock, so a re-sent import finds what the first one wrote and creates nothing twice. Rows with errors refuse
 * the import unless `goodRows` is set (the user chose "import the good rows"). New people go through the same
 * organisation find-or-create as people added by hand (the search index is kept by the database, refreshed once at
 * commit: migration 0018).
 */
export async function applyImport(
  userId: string,
  drafts: ContactDraft[],
  readErrors: RowError[],
  opts: { goodRows?: boolean; choices?: SectorChoices; onProgress?: (done: number, total: number) => void | Promise<void> } = {},
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
    const orgIds = await findOrCreateOrganisations(tx, userId, work.map((r) => r.input.organisationName ?? r.changes.organisationName ?? '').filter(Boolean));
    const orgId = async (name: string) => orgIds.get(foldName(name)) ?? (await findOrCreateOrganisation(tx, userId, name)).id;
    const total = work.length;
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
          organisationId: input.organisationName ? await orgId(input.organisationName) : null,
          // A sector the organisation already has is followed, not copied, so re-filing the organisation moves them.
          sectorId: r.sector && !r.sectorFromOrganisation ? (sectorIds.get(r.sector) ?? null) : null,
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
      }
      for (const r of batch.filter((b) => b.action === 'update')) {
        const { sectorName, organisationName, topics, ...fields } = r.changes;
        if (topics) topicsWanted.push({ personId: r.personId!, topics });
        const set: Partial<typeof people.$inferInsert> = { ...fields };
        if (organisationName) set.organisationId = await orgId(organisationName);
        if (sectorName) set.sectorId = sectorIds.get(sectorName) ?? null;
        await tx
          .update(people)
          .set({ ...set, version: sql`${people.version} + 1`, updatedAt: new Date() })
          .where(and(eq(people.userId, userId), eq(people.id, r.personId!)));
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
    return summarise(plan);
  });
}
