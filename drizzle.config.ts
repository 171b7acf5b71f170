import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; migrations are applied by the app (db/migrate.ts)
// on both drivers, because drizzle-kit's pglite path cannot load pg_trgm.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
