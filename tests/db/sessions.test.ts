import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { sessions } from '@/db/schema';
import { describeDevice, endOtherSessions, endSessionByHandle, listSessions, sessionHandle, storedSessionId } from '@/lib/auth/sessions';
import { createSession, getSessionUser } from '@/lib/auth/users';
import { createTestUser } from '../support/users';

const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const MAC_FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:132.0) Gecko/20100101 Firefox/132.0';

describe('signed-in devices', () => {
  it('lists the user’s live sessions, this one first, named by device and never by their secret id', async () => {
    const ann = await createTestUser();
    const bob = await createTestUser();
    const phone = await createSession(ann.id, ANDROID_CHROME);
    const laptop = await createSession(ann.id, MAC_FIREFOX);
    await createSession(bob.id, IPHONE_SAFARI);
    const expired = await createSession(ann.id, IPHONE_SAFARI);
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.id, storedSessionId(expired)));

    const list = await listSessions(ann.id, laptop);
    expect(list.map((s) => [s.device, s.current])).toEqual([
      ['Firefox on Mac', true],
      ['Chrome on Android', false],
    ]);
    expect(list.map((s) => s.handle)).toEqual([sessionHandle(laptop), sessionHandle(phone)]);
    expect(JSON.stringify(list)).not.toContain(phone);
  });

  it('signs out one device by its handle, or every other; another user’s handle does nothing', async () => {
    const ann = await createTestUser();
    const bob = await createTestUser();
    const [a1, a2, a3] = [await createSession(ann.id, 'x'), await createSession(ann.id, 'y'), await createSession(ann.id, 'z')];
    const b1 = await createSession(bob.id, 'w');

    expect(await endSessionByHandle(ann.id, sessionHandle(b1))).toBe(false);
    expect(await getSessionUser(b1)).toMatchObject({ id: bob.id });
    expect(await endSessionByHandle(ann.id, sessionHandle(a2))).toBe(true);
    expect(await getSessionUser(a2)).toBeNull();
    expect(await endSessionByHandle(ann.id, sessionHandle(a2))).toBe(false);

    expect(await endOtherSessions(ann.id, a1)).toBe(1);
    expect(await getSessionUser(a3)).toBeNull();
    expect(await getSessionUser(a1)).toMatchObject({ id: ann.id, email: ann.email, timeZone: ann.timeZone, locale: ann.locale, handle: ann.handle });
    expect(await getSessionUser(b1)).toMatchObject({ id: bob.id });
  });

  it('keeps no session id in the database: a row is found by the id’s hash, and its key signs nobody in', async () => {
    const ann = await createTestUser();
    const sid = await createSession(ann.id, 'x');
    const stored = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ann.id));
    expect(stored.map((r) => r.id)).toEqual([storedSessionId(sid)]);
    expect(JSON.stringify(stored)).not.toContain(sid);
    expect(await getSessionUser(sid)).toMatchObject({ id: ann.id });
    // Someone holding a copy of the table (a backup, a replica) has only the hash, which is not a session id.
    expect(await getSessionUser(stored[0]!.id)).toBeNull();
  });

  it('marks a session as used when it is, at most every five minutes', async () => {
    const ann = await createTestUser();
    const sid = await createSession(ann.id, 'x');
    const seen = async () =>
      (
        await db
          .select({ at: sessions.lastSeenAt })
          .from(sessions)
          .where(eq(sessions.id, storedSessionId(sid)))
      )[0]!.at.getTime();
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '2 minutes'` })
      .where(eq(sessions.id, storedSessionId(sid)));
    const recent = await seen();
    await getSessionUser(sid);
    expect(await seen()).toBe(recent);
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(sessions.id, storedSessionId(sid)));
    const stale = await seen();
    await getSessionUser(sid);
    expect(await seen()).toBeGreaterThan(stale + 9 * 60_000);
  });

  it('names devices from their user agent', () => {
    expect(describeDevice(ANDROID_CHROME)).toBe('Chrome on Android');
    expect(describeDevice(IPHONE_SAFARI)).toBe('Safari on iPhone');
    expect(describeDevice(MAC_FIREFOX)).toBe('Firefox on Mac');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0')).toBe(
      'Edge on Windows',
    );
    expect(describeDevice('curl/8.5.0')).toBe('Unknown device');
    expect(describeDevice(null)).toBe('Unknown device');
  });
});
