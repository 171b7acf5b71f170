import { logError } from '@/lib/log';
import { runHousekeeping } from './run';

/** How often each app server offers to do the housekeeping (the advisory lock lets one of them do it). */
const EVERY_MS = 5 * 60 * 1000;
/** The first run waits for the server to settle after start. */
const FIRST_AFTER_MS = 30 * 1000;

const STARTED = Symbol.for('rapport.housekeeping');
type GlobalWithTimer = typeof globalThis & { [STARTED]?: true };

async function runLogged() {
  try {
    await runHousekeeping();
  } catch (err) {
    // Through the one error logger, which keeps a failed statement's code and constraint and drops its parameters.
    logError('housekeeping', err);
  }
}

/**
 * Starts the housekeeping timer in this server process, once (dev reloads included). The timers are unref'd, so
 * they never keep a process alive, and nothing runs while `next build` prerenders.
 */
export function startHousekeeping(): void {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const g = globalThis as GlobalWithTimer;
  if (g[STARTED]) return;
  g[STARTED] = true;
  setTimeout(runLogged, FIRST_AFTER_MS).unref();
  setInterval(runLogged, EVERY_MS).unref();
}
