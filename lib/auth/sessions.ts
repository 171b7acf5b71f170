import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { db } from '@/db/client';
import { sessions } from '@/db/schema';

/** One of the user's live sessions, as Settings shows it. `handle` names it without being the secret id. */
export interface SessionSummary {
  handle: string;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What the database keeps of a session id: its sha-256, never the id. The id is the credential the (encrypted) JWT
 * carries; a copy of the database, a backup or a replica then holds nothing that signs anyone in.
 */
export function storedSessionId(sessionId: string): string {
  return sha256(sessionId);
}

/** A session's public handle, as Settings names it: the sha-256 of what is stored, so neither the id nor its row key. */
export function sessionHandle(sessionId: string): string {
  return sha256(storedSessionId(sessionId));
}

const handleOf = sql`encode(sha256(convert_to(${sessions.id}, 'UTF8')), 'hex')`;

/** "Chrome on Android", "Safari on iPhone": enough to tell one's own devices apart; never used to decide anything. */
export function describeDevice(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /SamsungBrowser\//.test(ua)
      ? 'Samsung Internet'
      : /Firefox\/|FxiOS\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'Mac'
          : /Windows/.test(ua)
            ? 'Windows'
            : /CrOS/.test(ua)
              ? 'ChromeOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? 'Unknown device';
}

/** The user's live sessions, most recently active first; `currentId` marks the one asking. */
export async function listSessions(userId: string, currentId: string | undefined): Promise<SessionSummary[]> {
  const found = await db
    .select({ id: sessions.id, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .limit(50);
  return found
    .map((s) => ({
      handle: sha256(s.id),
      device: describeDevice(s.userAgent),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: currentId !== undefined && s.id === storedSessionId(currentId),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's sessions by its handle; false when there is no such session of theirs. */
export async function endSessionByHandle(userId: string, handle: string): Promise<boolean> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`${handleOf} = ${handle}`))
    .returning({ id: sessions.id });
  return gone.length > 0;
}

/** Ends every session of the user but `keepId` (this device); answers how many ended. */
export async function endOtherSessions(userId: string, keepId: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, storedSessionId(keepId))))
    .returning({ id: sessions.id });
  return gone.length;
}
