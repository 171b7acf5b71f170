import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { countDueFollowUps, countDueForSession } from '@/lib/follow-ups/counts';
import { storedSessionId } from '@/lib/auth/sessions';
import { createSession, deleteSession } from '@/lib/auth/users';
import { completeFollowUp, createFollowUp, deleteFollowUp } from '@/lib/follow-ups/mutations';
import { timeZoneSchema, updateTimeZone } from '@/lib/settings/time-zone';
import { createTestUser } from '../support/users';
import { timeZoneChoices, todayIn } from '@/lib/dates';

describe('time zone preference', () => {
  it('accepts IANA zones only', () => {
    expect(timeZoneSchema.parse({ timeZone: ' Pacific/Auckland ' })).toEqual({ timeZone: 'Pacific/Auckland' });
    for (const bad of ['', 'Mars/Olympus_Mons', 'x'.repeat(65), 'Europe/London\u0000']) {
      expect(timeZoneSchema.safeParse({ timeZone: bad }).success, bad).toBe(false);
    }
    expect(timeZoneChoices()[0]).toBe('UTC');
    expect(timeZoneChoices()).toContain('Europe/London');
  });

  it('is saved, and "due today" then follows the new zone', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    // Due on Auckland's today: counted there, and in UTC only when the two dates agree.
    const aucklandToday = todayIn('Pacific/Auckland');
    await createFollowUp(user.id, { action: 'x', due: aucklandToday });
    await updateTimeZone(user.id, 'Pacific/Auckland');
    const [row] = await db.select({ tz: users.timeZone }).from(users).where(eq(users.id, user.id));
    expect(row?.tz).toBe('Pacific/Auckland');
    expect(await countDueFollowUps(user.id, row!.tz)).toBe(1);
    expect(await countDueFollowUps(user.id, 'UTC')).toBe(aucklandToday <= todayIn('UTC') ? 1 : 0);
  });
});

describe("the app shell's due count, read by session", () => {
  it('equals the plain count in every time zone, at the instants where days turn over', async () => {
    const user = await createTestUser({ timeZone: 'UTC' });
    const other = await createTestUser({ timeZone: 'UTC' });
    const sid = await createSession(user.id, 'test');
    // Follow-ups due on each of five days around 2026-03-10, two of them done or deleted, and another user's.
    for (const due of ['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']) {
      await createFollowUp(user.id, { action: `due ${due}`, due });
      await createFollowUp(other.id, { action: `theirs ${due}`, due });
    }
    await createFollowUp(user.id, { action: 'no date' });
    const done = await createFollowUp(user.id, { action: 'done', due: '2026-03-01' });
    await completeFollowUp(user.id, done.id);
    const gone = await createFollowUp(user.id, { action: 'deleted', due: '2026-03-01' });
    await deleteFollowUp(user.id, gone.id);

    const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata'];
    const instants = ['2026-03-10T00:00:00Z', '2026-03-10T09:59:59Z', '2026-03-10T10:00:00Z', '2026-03-10T11:30:00Z', '2026-03-10T23:59:59Z'];
    const seen = new Set<number>();
    for (const zone of zones) {
      await updateTimeZone(user.id, zone);
      for (const iso of instants) {
        const now = new Date(iso);
        const plain = await countDueFollowUps(user.id, zone, now);
        expect(await countDueForSession(sid, now), `${zone} at ${iso}`).toBe(plain);
        seen.add(plain);
      }
    }
    // The instants reach the 9th, 10th and 11th somewhere (2, 3 and 4 due): all three of the statement's days were used.
    expect([...seen].sort()).toEqual([2, 3, 4]);
    expect(await countDueForSession('no-such-session')).toBe(0);
    // An expired or ended session counts nothing, though its user has follow-ups due.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, storedSessionId(sid)));
    expect(await countDueForSession(sid, new Date('2026-03-10T12:00:00Z'))).toBe(0);
    const ended = await createSession(user.id, 'test');
    expect(await countDueForSession(ended, new Date('2026-03-10T12:00:00Z'))).toBe(3);
    await deleteSession(ended);
    expect(await countDueForSession(ended, new Date('2026-03-10T12:00:00Z'))).toBe(0);
  });
});
