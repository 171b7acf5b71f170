import { hit } from '@/lib/rate-limit';

/** New accounts per client address per hour (SIGN_UP_LIMIT), and twenty times that overall. */
const PER_ADDRESS = Number(process.env.SIGN_UP_LIMIT ?? 10);
const OVERALL = PER_ADDRESS * 20;
const HOUR = 3600;

/**
 * Counts a sign-up and says whether it may go ahead. The client's own counter is asked first and the overall one
 * only for a client still within its own, so one client refused by its counter cannot go on filling the overall
 * bucket and shut everyone else out. An unknown address (no socket address and no trusted proxy) only has the
 * overall counter.
 */
export async function countSignUp(address: string | null): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  if (address) {
    const own = await hit(`sign-up:${address}`, PER_ADDRESS, HOUR);
    if (!own.allowed) return own;
  }
  return hit('sign-up:all', OVERALL, HOUR);
}
