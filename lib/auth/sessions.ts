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

/** A session's public handle: the sha-256 of its id. The id itself is the credential and never leaves the cookie. */
export function sessionHandle(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
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
      handle: sessionHandle(s.id),
      device: describeDevice(s.userAgent),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === currentId,
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
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return gone.length;
}
