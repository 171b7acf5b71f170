/**
 * Run by tests/bench/run.ts with DATABASE_URL on the bench database: seeds BENCH_OTHERS other users (default 200)
 * with BENCH_OTHER_PEOPLE people each (default 50), so that every index the bench user's queries read also holds
 * other people's rows, as it would in production: isolation has its real cost.
 */
import { closeDb } from '@/db/client';
import { seed } from '@/db/seed';

const others = Number(process.env.BENCH_OTHERS ?? 200);
const each = Number(process.env.BENCH_OTHER_PEOPLE ?? 50);

async function main() {
  // Eight at a time: each seed is mostly round trips, so the database's pool does the waiting in parallel.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < others) {
        const i = next++;
        await seed({ people: each, email: `other-${i}@example.test`, password: 'other password 1234' });
      }
    }),
  );
  console.log(JSON.stringify({ others, each }));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
