import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { UserFacingError } from '@/lib/errors';

export interface StoredResponse<T> {
  status: number;
  body: T;
  resourceId?: string | null;
}

/** Stable fingerprint of a request body: keys sorted, so property order does not matter. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/**
 * Every write that takes an idempotency key names its scope `<feature>.<verb>`, the same for the form and the
 * API, so a key sent to both for the same request creates one record.
 */
export const IDEMPOTENCY_SCOPES = ['people.create', 'follow-ups.create', 'posts.create', 'events.create'] as const;
export type IdempotencyScope = (typeof IDEMPOTENCY_SCOPES)[number];

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * Runs `work` once per (user, key). The key row is inserted in the same transaction as the work, so a second
 * request with the same key waits for the first to commit and then gets its stored answer; if the first
 * failed, nothing was stored and the retry does the work. A key reused for a different request is refused.
 */
export async function idempotent<T>(
  userId: string,
  key: string,
  scope: IdempotencyScope,
  requestFingerprint: string,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
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
      if (!prior || prior.scope !== scope || prior.requestHash !== requestFingerprint) {
        throw new UserFacingError('This idempotency key was already used for a different request.', 422);
      }
      return {
        status: prior.responseStatus ?? 200,
        body: prior.responseBody as T,
        resourceId: prior.resourceId,
        replayed: true,
      };
    }
    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({
        responseStatus: result.status,
        responseBody: sql`${JSON.stringify(result.body ?? null)}::jsonb`,
        resourceId: result.resourceId ?? null,
      })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return { ...result, replayed: false };
  });
}

/**
 * The one way a write takes an optional idempotency key: with a key, `work` runs once per (user, key) and a retry
 * gets the stored answer (see idempotent); without one, `work` runs in a transaction of its own. `input` is the
 * parsed request, whose fingerprint tells a retry from a different request under the same key.
 */
export async function onceForKey<T>(
  userId: string,
  key: string | null | undefined,
  scope: IdempotencyScope,
  input: unknown,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  if (!key) return { ...(await db.transaction(work)), replayed: false };
  return idempotent(userId, key, scope, fingerprint(input), work);
}
