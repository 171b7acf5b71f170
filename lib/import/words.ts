import type { ImportSummary } from './apply';

/** A count with its noun, in the singular for one: "1 row", "2 rows", "1 person", "3 people". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * What an import did, or in the preview would do, as the page says it: "3 created, 1 updated, 0 skipped, 1 row
 * left out, 2 blank lines skipped". The rows left out and the blank lines are said only when there are some.
 */
export function summaryWords(s: Pick<ImportSummary, 'created' | 'updated' | 'skipped' | 'errors' | 'blankLines'>, preview = false): string {
  const words = preview
    ? [`${s.created.toLocaleString('en-GB')} new`, `${s.updated.toLocaleString('en-GB')} to update`, `${s.skipped.toLocaleString('en-GB')} to skip`]
    : [`${s.created.toLocaleString('en-GB')} created`, `${s.updated.toLocaleString('en-GB')} updated`, `${s.skipped.toLocaleString('en-GB')} skipped`];
  if (s.errors.length) words.push(`${countOf(s.errors.length, 'row')} ${preview ? 'with errors' : 'left out'}`);
  if (s.blankLines) words.push(`${countOf(s.blankLines, 'blank line')} skipped`);
  return words.join(', ');
}
