import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';

/** What a write answered: its status, its body, and the id of what it made. */
export interface StoredResponse<T> {
  status: number;
  body: T;
  resourceId?: string | null;
}

/** How long a key is remembered: a retry comes within seconds or minutes, never days (lib/housekeeping.ts). */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * A request body in one canonical form: object keys sorted (property order does not matter), dates as their
 * instant (JSON would make a Date `{}`, so two requests differing only by a date would look alike).
 */
function canonical(v: unknown): unknown {
  if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString() };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  return v;
}

/** Stable fingerprint of a request body: the sha-256 of its canonical form. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)) ?? 'undefined')
    .digest('hex');
}

/**
 * Every write that takes an idempotency key names its scope `<feature>.<verb>`, the same for the form and the
 * API, so a key sent to both for the same request creates one record.
 */
export type IdempotencyScope = 'people.create' | 'follow-ups.create' | 'posts.create' | 'events.create' | 'interactions.create';

const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

/** Re-reads what the first request made, for a replay: the body is never stored. */
type Reread<T> = (tx: Tx, resourceId: string) => Promise<T>;

/**
 * Runs `work` once per (user, key). The key row is inserted in the same transaction as the work, so a second
 * request with the same key waits for the first to commit and then gets its answer; if the first failed,
 * nothing was stored and the retry does the work. A key reused for a different request is refused.
 *
 * Only the status and the id of what was made are kept. A replay answers `{ id }`, or, given `reread`, the
 * record as it is now (a NotFoundError from it when the record has since been deleted). Nothing the user wrote is
 * copied into the key's row, so deleting a record leaves no copy of it behind.
 */
export async function idempotent(
  userId: string,
  key: string,
  scope: string,
  requestFingerprint: string,
  work: (tx: Tx) => Promise<StoredResponse<{ id: string }>>,
): Promise<StoredResponse<{ id: string }> & { replayed: boolean }>;
export async function idempotent<T>(
  userId: string,
  key: string,
  scope: IdempotencyScope,
  requestFingerprint: string,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
  reread: Reread<T>,
): Promise<StoredResponse<T> & { replayed: boolean }>;
export async function idempotent<T>(
  userId: string,
  key: string,
  scope: string,
  requestFingerprint: string,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
  reread?: Reread<T>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new UserFacingError('The idempotency key must be 8–200 letters, digits or . _ : -', 400, {
      idempotencyKey: ['Use 8–200 letters, digits or . _ : -'],
    });
  }
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, scope, requestHash: requestFingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) {
      const [prior] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (!prior || prior.scope !== scope || prior.requestHash !== requestFingerprint || !prior.resourceId) {
        throw new UserFacingError('This idempotency key was already used for a different request.', 422);
      }
      const body = reread ? await reread(tx, prior.resourceId) : ({ id: prior.resourceId } as T);
      return { status: prior.responseStatus ?? 200, body, resourceId: prior.resourceId, replayed: true };
    }
    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: result.status, resourceId: result.resourceId ?? null })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return { ...result, replayed: false };
  });
}

/**
 * The one way a write takes an optional idempotency key: with a key, `work` runs once per (user, key) and a retry
 * gets the answer (see idempotent: the record re-read by `reread`, else `{ id }`); without one, `work` runs in a
 * transaction of its own. `input` is the parsed request, whose fingerprint tells a retry from a different request
 * under the same key. What `work` made is named by its `resourceId`, else by the `id` of its body.
 */
export async function onceForKey<T>(
  userId: string,
  key: string | null | undefined,
  scope: IdempotencyScope,
  input: unknown,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
  reread?: Reread<T>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  if (!key) return { ...(await db.transaction(work)), replayed: false };
  const named = async (tx: Tx) => {
    const result = await work(tx);
    const bodyId = (result.body as { id?: unknown } | null)?.id;
    return { ...result, resourceId: result.resourceId ?? (typeof bodyId === 'string' ? bodyId : null) };
  };
  const reader: Reread<T> = reread ?? (async (_tx, id) => ({ id }) as T);
  return idempotent(userId, key, scope, fingerprint(input), named, reader);
}
