import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { countDueFollowUps } from '@/lib/follow-ups/counts';
import { createFollowUp } from '@/lib/follow-ups/mutations';
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
