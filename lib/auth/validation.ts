import { z } from 'zod';
import { requiredText } from '@/lib/validation/text';
import { isTimeZone } from '@/lib/dates';

const email = z
  .string({ error: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address')
  .max(254, 'That email address is too long')
  .pipe(z.email({ error: 'Enter an email address like name@example.com' }));

export const signUpSchema = z.object({
  name: requiredText(120, 'Enter your name', { oneLine: true, tooLong: 'Keep your name to 120 characters' }),
  email,
  password: z.string({ error: 'Choose a password' }).min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
  timeZone: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((tz) => (tz && isTimeZone(tz) ? tz : 'UTC')),
  locale: z
    .string()
    .trim()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional()
    .catch(undefined)
    .transform((l) => l ?? 'en-GB'),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
});
