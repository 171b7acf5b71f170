import { execFileSync } from 'node:child_process';

/** Migrates the PostgreSQL test database once, before the files that share it run. */
export default function setup() {
  execFileSync('npx', ['tsx', 'db/migrate-cli.ts'], {
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
    stdio: 'inherit',
  });
}
