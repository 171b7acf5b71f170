import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { isTimeZone } from '@/lib/dates';

export const timeZoneSchema = z.object({
  timeZone: z
    .string({ error: 'Choose a time zone' })
    .trim()
    .min(1, 'Choose a time zone')
    .max(64, 'Choose a time zone from the list')
    .refine(isTimeZone, 'Choose a time zone from the list'),
});

/** Saves the user's time zone: "today" for follow-ups is computed there. */
export async function updateTimeZone(userId: string, timeZone: string): Promise<void> {
  await db.update(users).set({ timeZone, updatedAt: new Date() }).where(eq(users.id, userId));
}
