/** Applies pending migrations before the server takes its first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { runMigrations } = await import('./db/migrate');
  await runMigrations();
}
