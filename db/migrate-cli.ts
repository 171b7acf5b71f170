/** `npm run db:migrate`: apply migrations to DATABASE_URL, or to the embedded database when it is unset. */
import { closeDb, currentDriver, pgliteDataDir } from './client';
import { runMigrations } from './migrate';

async function main() {
  const target = currentDriver() === 'postgres' ? 'the PostgreSQL server (DATABASE_URL)' : pgliteDataDir();
  await runMigrations();
  console.log(`Migrations applied to ${target}.`);
  await closeDb();
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});
