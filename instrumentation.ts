/**
 * Runs once in each server process before it takes its first request: stamps requests with the client's
 * address, applies pending migrations and starts the housekeeping timer. Never during `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installPeerAddress } = await import('./lib/peer-address');
  installPeerAddress();
  const { runMigrations } = await import('./db/migrate');
  await runMigrations();
  const { startHousekeeping } = await import('./lib/housekeeping/schedule');
  startHousekeeping();
}
