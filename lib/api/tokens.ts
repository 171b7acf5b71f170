import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { currentUserColumns, type CurrentUser } from '@/lib/auth/users';

const PREFIX = 'rap_';

/** sha-256, hex: tokens are long and random, so a fast hash is enough and lookups stay indexed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Creates an API token; the plain token is returned once and only its hash is kept. */
export async function createApiToken(userId: string, name: string) {
  const token = PREFIX + randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: sha256(token), prefix: token.slice(0, PREFIX.length + 6) })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  return { ...row!, token };
}

/** The user's tokens that are not revoked, newest first. */
export function listApiTokens(userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
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

/** The user a bearer token belongs to, or null for an unknown or revoked token. */
export async function userForToken(token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, ...currentUserColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const { tokenId, ...user } = row;
  // Best effort: the token works even if this bookkeeping fails.
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, tokenId)).catch(() => {});
  return user;
}
