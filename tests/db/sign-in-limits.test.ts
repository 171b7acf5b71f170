import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countAttempt, failureKeys, forgiveAttempt, SIGN_IN_LIMIT } from '@/lib/auth/sign-in-limits';
import { peek } from '@/lib/rate-limit';

const WINDOW = 15 * 60;

describe('sign-in attempt counting', () => {
  it('a client already refused cannot go on filling the account-wide counter', async () => {
    const email = `victim-${randomUUID()}@example.test`;
    const attacker = failureKeys(email, '203.0.113.7', null);
    let allowed = 0;
    for (let i = 0; i < SIGN_IN_LIMIT * 12; i++) if (await countAttempt(attacker)) allowed++;
    expect(allowed).toBe(SIGN_IN_LIMIT);
    // The account-wide counter only took the attempts that got as far as a password check.
    expect(await peek(`sign-in:fail:${email}`, WINDOW)).toBe(SIGN_IN_LIMIT);
    // So the owner, from anywhere else, is not locked out.
    expect(await countAttempt(failureKeys(email, '198.51.100.1', null))).toBe(true);
  });

  it('a known device counts on its own; a success takes its attempt back', async () => {
    const email = `owner-${randomUUID()}@example.test`;
    for (let i = 0; i < SIGN_IN_LIMIT + 2; i++) await countAttempt(failureKeys(email, null, null));
    expect(await countAttempt(failureKeys(email, null, null))).toBe(false);
    expect(await countAttempt(failureKeys(email, null, 'device-nonce'))).toBe(true);

    const spray = failureKeys(email, '192.0.2.9', null);
    await countAttempt(spray);
    const wide = await peek(`sign-in:fail:${email}`, WINDOW);
    await forgiveAttempt(spray);
    expect(await peek(spray[0]!.key, WINDOW)).toBe(0);
    expect(await peek(`sign-in:fail:${email}`, WINDOW)).toBe(wide - 1);
  });
});
