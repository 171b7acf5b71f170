/**
 * Run by tests/bench/run.ts in a child process (DATABASE_URL set to the bench database), or alone:
 * `DATABASE_URL=… npx tsx tests/bench/import.ts` (or with no DATABASE_URL, on an in-memory PGlite).
 * Times importing BENCH_IMPORT_CARDS vCards (default 10,000) into a new account: the preview, the write in
 * batches (when each batch's progress was reported), importing the same file again; then every export of
 * that account and of BENCH_EMAIL's (the seeded one), with the largest heap seen and how far the process's RSS grew
 * while it streamed; and restoring the imported account's backup into an empty account.
 * Prints one JSON line; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { closeDb, db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { users } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { parseBackup, restoreBackup } from '@/lib/backup/restore';
import { backupChunks } from '@/lib/backup/write';
import { csvChunks, vcardChunks } from '@/lib/export/contacts';
import { previewImport, runImport } from '@/lib/import/run';

const CARDS = Number(process.env.BENCH_IMPORT_CARDS ?? 10_000);
const seededEmail = process.env.BENCH_EMAIL ?? 'bench@example.test';
const ms = (from: number) => +(performance.now() - from).toFixed(0);

/** A phone-style export: names in several scripts, organisations with commas, notes over lines, a few repeats. */
function cards(n: number): string {
  const first = ['Priya', 'Owen', 'Zoë', 'Дмитрий', '佐藤', 'Amara', 'Tomás', 'Fatima', 'Jürgen', 'Aoife'];
  const last = ['Shah', 'Chen', 'Ångström', 'Иванов', '花子', 'Nwosu', 'García', 'Khan', 'Müller', 'Byrne'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`;
    out.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `FN:${name}`,
        `ORG:Firm ${i % 1500}\\, Ltd;Dept ${i % 7}`,
        `TITLE:${['Head of IT', 'CIO', 'Analyst', 'Director of Data'][i % 4]}`,
        `item1.EMAIL;type=INTERNET:person${i}@firm${i % 1500}.example`,
        'item1.X-ABLabel:_$!<Work>!$_',
        `TEL;type=CELL:+44 7700 ${String(900000 + i).slice(-6)}`,
        `NOTE:Met at event ${i % 50}\\nTalked about cloud\\, data and budgets`,
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return out.join('\r\n') + '\r\n';
}

async function exportStats(userId: string) {
  const out: Record<string, { ms: number; bytes: number; peakHeapMb: number; rssGrowthMb: number }> = {};
  for (const [name, gen] of [
    ['vcard', vcardChunks],
    ['csv', csvChunks],
    ['json', backupChunks],
  ] as const) {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    let bytes = 0;
    let peak = 0;
    let peakRss = rssBefore;
    for await (const chunk of gen(userId)) {
      bytes += Buffer.byteLength(chunk);
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }
    out[name] = {
      ms: ms(started),
      bytes,
      peakHeapMb: +(peak / 1024 / 1024).toFixed(0),
      // How far the process grew while streaming: flat-ish whatever the account's size, if it really streams.
      rssGrowthMb: +((peakRss - rssBefore) / 1024 / 1024).toFixed(0),
    };
  }
  return out;
}

async function main() {
  if (!process.env.DATABASE_URL) {
    process.env.PGLITE_DATA_DIR ||= 'memory://';
    await runMigrations();
  }
  const user = await createUser({
    name: 'Import Bench',
    email: `import-${randomUUID()}@example.test`,
    password: 'bench password 1234',
    timeZone: 'UTC',
    locale: 'en-GB',
  });
  const file = cards(CARDS);
  let started = performance.now();
  const preview = await previewImport(user.id, 'vcard', file);
  const previewMs = ms(started);
  started = performance.now();
  const batches: { done: number; atMs: number }[] = [];
  const result = await runImport(user.id, 'vcard', file, { onProgress: (done) => void batches.push({ done, atMs: ms(started) }) });
  const importMs = ms(started);
  started = performance.now();
  const again = await runImport(user.id, 'vcard', file);
  const reimportMs = ms(started);
  // A restore of that account's backup into an empty one: every row inserted in batches, search kept by the
  // database's triggers as the rows land.
  let backupText = '';
  for await (const chunk of backupChunks(user.id)) backupText += chunk;
  const parsed = parseBackup(JSON.parse(backupText));
  if (!parsed.success) throw new Error('the bench backup did not parse');
  const target = await createUser({
    name: 'Restore Bench',
    email: `restore-${randomUUID()}@example.test`,
    password: 'bench password 1234',
    timeZone: 'UTC',
    locale: 'en-GB',
  });
  started = performance.now();
  const restored = await restoreBackup(target.id, parsed.data);
  const restoreMs = ms(started);
  const [seeded] = await db.select({ id: users.id }).from(users).where(eq(users.email, seededEmail));
  const report = {
    cards: CARDS,
    fileMb: +(Buffer.byteLength(file) / 1024 / 1024).toFixed(1),
    previewMs,
    preview: { created: preview.created, updated: preview.updated, skipped: preview.skipped, errors: preview.errors.length },
    importMs,
    result: { created: result.created, updated: result.updated, skipped: result.skipped },
    batches,
    reimportMs,
    reimport: { created: again.created, updated: again.updated, skipped: again.skipped },
    restoreMs,
    restored: restored.created,
    exportImported: await exportStats(user.id),
    exportSeeded: seeded ? await exportStats(seeded.id) : 'no seeded user',
  };
  console.log(JSON.stringify(report));
  await closeDb();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
