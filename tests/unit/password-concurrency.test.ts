import { describe, expect, it } from 'vitest';
import { boundedConcurrency, PasswordHasherBusy } from '@/lib/auth/password';

/** A task that runs until released, recording how many run at once. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('password hashing concurrency', () => {
  it('runs at most N at once, lets M wait, and refuses the rest as busy instead of queueing', async () => {
    const run = boundedConcurrency(2, 3);
    const release = gate();
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await release.opened;
      running--;
      return 'done';
    };
    const accepted = Array.from({ length: 5 }, () => run(task));
    const refused = await Promise.allSettled([run(task), run(task)]);
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(PasswordHasherBusy);
    expect(running).toBe(2);
    release.open();
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(most).toBe(2);
    // Every slot came back: a fresh burst is taken again.
    expect(await Promise.all([run(async () => 1), run(async () => 2)])).toEqual([1, 2]);
  });

  it('frees the slot when a task fails', async () => {
    const run = boundedConcurrency(1, 0);
    await expect(run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await run(async () => 'next')).toBe('next');
  });
});
