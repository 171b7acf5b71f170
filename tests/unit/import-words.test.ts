import { describe, expect, it } from 'vitest';
import { BACKUP_TABLES } from '@/lib/backup/tables';
import { BACKUP_ROW_WORDS, countOf, listedFileName, summaryWords } from '@/lib/import/words';
import { importStreamSchema } from '@/lib/import/request';

const row = (line: number) => ({ line, message: 'No name, role or organisation to know them by' });

describe('what the import page says it did', () => {
  it.each([
    [1, 'row', undefined, '1 row'],
    [2, 'row', undefined, '2 rows'],
    [0, 'row', undefined, '0 rows'],
    [1, 'person', 'people', '1 person'],
    [1500, 'person', 'people', '1,500 people'],
  ])('%i %s', (n, one, many, said) => {
    expect(countOf(n, one, many)).toBe(said);
  });

  it.each([
    [{ created: 3, updated: 1, skipped: 0, errors: [] }, false, '3 created, 1 updated, 0 skipped'],
    [{ created: 9, updated: 0, skipped: 0, errors: [row(12)], blankLines: 2 }, false, '9 created, 0 updated, 0 skipped, 1 row left out, 2 blank lines skipped'],
    [
      { created: 9, updated: 0, skipped: 0, errors: [row(12), row(13)], blankLines: 1 },
      false,
      '9 created, 0 updated, 0 skipped, 2 rows left out, 1 blank line skipped',
    ],
    [{ created: 9, updated: 2, skipped: 1, errors: [row(12)], blankLines: 0 }, true, '9 new, 2 to update, 1 to skip, 1 row with errors'],
  ])('%o (preview: %s)', (summary, preview, said) => {
    expect(summaryWords(summary, preview)).toBe(said);
  });

  it.each([
    [{ created: 361, updated: 0, skipped: 12, skippedBy: { sectors: 12 }, errors: [] }, true, '361 new, 0 to update, 12 to skip (12 sectors already here)'],
    [{ created: 0, updated: 0, skipped: 1, skippedBy: { people: 1 }, errors: [] }, false, '0 created, 0 updated, 1 skipped (1 person already here)'],
    [
      { created: 2, updated: 0, skipped: 15, skippedBy: { sectors: 12, people: 2, followUps: 1 }, errors: [] },
      false,
      '2 created, 0 updated, 15 skipped (12 sectors, 2 people and 1 follow-up already here)',
    ],
    [{ created: 2, updated: 0, skipped: 3, skippedBy: { widgets: 3 }, errors: [] }, true, '2 new, 0 to update, 3 to skip (3 other rows already here)'],
    // Contacts say no kinds: their skipped rows are named row by row in the preview.
    [{ created: 2, updated: 0, skipped: 3, skippedBy: {}, errors: [] }, true, '2 new, 0 to update, 3 to skip'],
  ])('a backup’s skipped rows by kind: %o (preview: %s)', (summary, preview, said) => {
    expect(summaryWords(summary, preview)).toBe(said);
  });

  it('has words for a row of every table a backup carries', () => {
    expect(BACKUP_TABLES.map((t) => t.key).filter((key) => !BACKUP_ROW_WORDS[key])).toEqual([]);
  });

  it('a file name longer than the import takes is cut, never refused, and never through an emoji', () => {
    expect(listedFileName('contacts.csv')).toBe('contacts.csv');
    const long = `${'a'.repeat(300)}.csv`;
    const emoji = `${'b'.repeat(253)}😀${'c'.repeat(20)}.vcf`;
    for (const name of [long, emoji, 'x'.repeat(255)]) {
      const listed = listedFileName(name);
      expect(listed.length).toBeLessThanOrEqual(255);
      const parsed = importStreamSchema.safeParse({ kind: 'csv', content: 'a', fileName: listed });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(listedFileName(long)).toBe(`${'a'.repeat(254)}…`);
    expect(listedFileName(emoji)).toBe(`${'b'.repeat(253)}…`);
    // The import takes the name as sent and cuts it by this rule (the page, or any API client).
    expect(importStreamSchema.parse({ kind: 'csv', content: 'a', fileName: long }).fileName).toBe(`${'a'.repeat(254)}…`);
  });
});
