import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('dead exports (scripts/check-exports.mjs)', () => {
  it('every export of lib/ and app/ is imported by another file', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/check-exports.mjs')], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout?: string }).stdout ?? String(err);
    }
    expect(out.trim()).toBe('Every export of lib/ and app/ is imported somewhere.');
  });
});
