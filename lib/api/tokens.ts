import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { currentUserColumns, type CurrentUser } from '@/lib/auth/users';

const PREFIX = 'rap_';

/** What a token may do: `read` only GET (and HEAD, OPTIONS); `write` also POST, PATCH and DELETE. */
export type TokenScope = 'read' | 'write';

/** Lifetimes offered when creating a token, in days; null never expires. */
export const TOKEN_LIFETIMES = [30, 90, 365, null] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = 90;

/** How stale last-used may get: it is written at most once a minute, not on every request. */
const LAST_USED_EVERY = sql`interval '1 minute'`;

/** sha-256, hex: tokens are long and random, so a fast hash is enough and lookups stay indexed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Creates an API token; the plain token is returned once and only its hash is kept. Write access and 90 days
 * unless asked otherwise (`lifetimeDays` null: never expires).
 */
export async function createApiToken(userId: string, name: string, options: { scope?: TokenScope; lifetimeDays?: TokenLifetime } = {}) {
  const token = PREFIX + randomBytes(24).toString('base64url');
  const lifetimeDays = options.lifetimeDays === undefined ? DEFAULT_TOKEN_LIFETIME : options.lifetimeDays;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, PREFIX.length + 6),
      scope: options.scope ?? 'write',
      expiresAt: lifetimeDays === null ? null : sql`now() + make_interval(days => ${lifetimeDays})`,
    })
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
    });
  return { ...row!, token };
}

/** The user's tokens that are not revoked (expired ones too, marked so), newest first. */
export async function listApiTokens(userId: string) {
  const found = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)`,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return found.map((t) => ({ ...t, expired: Boolean(t.expired) }));
}

/** Revokes one of the user's tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const done = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return done.length > 0;
}

/** A token that still opens the API: not revoked and not expired. */
const working = and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)));

/** How many of the user's tokens still open the API. */
export async function countWorkingApiTokens(userId: string, conn: DbOrTx = db): Promise<number> {
  const [row] = await conn
    .select({ n: count() })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), working));
  return row?.n ?? 0;
}

/** Revokes every token of the user's at once (expired ones too); answers how many still opened the API. */
export async function revokeAllApiTokens(userId: string, conn: DbOrTx = db): Promise<number> {
  const done = await conn
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ wasWorking: sql<boolean>`${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now()` });
  return done.filter((t) => t.wasWorking).length;
}

/**
 * The user a bearer token belongs to and what it may do, or null for an unknown, revoked or expired token. Marks
 * the token used, at most once a minute, so a busy script does not cost a write per request.
 */
export async function tokenAuth(token: string): Promise<{ user: CurrentUser; scope: TokenScope } | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scope: apiTokens.scope,
      stale: sql<boolean>`coalesce(${apiTokens.lastUsedAt} < now() - ${LAST_USED_EVERY}, true)`,
      ...currentUserColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), working))
    .limit(1);
  if (!row) return null;
  const { tokenId, scope, stale, ...user } = row;
  if (stale) {
    // Best effort: the token works even if this bookkeeping fails. The condition again, for two requests at once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), sql`${apiTokens.lastUsedAt} < now() - ${LAST_USED_EVERY}`)))
      .catch(() => {});
  }
  return { user, scope };
}

/** The user a bearer token belongs to, or null for an unknown, revoked or expired token. */
export async function userForToken(token: string): Promise<CurrentUser | null> {
  return (await tokenAuth(token))?.user ?? null;
}
