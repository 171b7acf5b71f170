import { describe, expect, it, vi } from 'vitest';
import { peek } from '@/lib/rate-limit';

describe('sign-up counting', () => {
  it('a client past its own limit does not use up the overall bucket', async () => {
    vi.stubEnv('SIGN_UP_LIMIT', '3');
    vi.resetModules();
    const { countSignUp } = await import('@/lib/auth/sign-up-limits');
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const before = await peek('sign-up:all', 3600);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await countSignUp(address)).allowed);
    expect(answers).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Only the three it was allowed counted overall (other test files may add their own alongside: at least 3,
    // far fewer than 10).
    const added = (await peek('sign-up:all', 3600)) - before;
    expect(added).toBeGreaterThanOrEqual(3);
    expect(added).toBeLessThan(10);
    vi.unstubAllEnvs();
  });
});
