import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Server code logs errors through lib/log.ts's logError, which drops what a failed query quoted; a console call
// anywhere else in app/ or lib/ would print the error as it is, so the lint refuses it.

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The rules a line of code breaks in a file at `file` (which need not exist). */
async function broken(file: string): Promise<string[]> {
  const [result] = await eslint.lintText("export function f(err: unknown) {\n  console.error('failed', err);\n}\n", { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('no console in server code', () => {
  it.each(['lib/export/contacts.ts', 'app/api/v1/import/stream/route.ts', 'app/(app)/people/page.tsx'])('%s may not call console', async (file) => {
    expect(await broken(file)).toContain('no-console');
  });

  it.each(['lib/log.ts', 'scripts/anything.mjs', 'tests/db/anything.test.ts', 'db/seed.ts'])('%s may', async (file) => {
    expect(await broken(file)).not.toContain('no-console');
  });
});
