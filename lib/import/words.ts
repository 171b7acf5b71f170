import { joinList } from '@/lib/posts/english';
import type { ImportSummary } from './apply';

/** A count with its noun, in the singular for one: "1 row", "2 rows", "1 person", "3 people". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** What a row of each table of a backup (lib/backup/tables.ts, by key) is called on the page: one, and many. */
export const BACKUP_ROW_WORDS: Record<string, [string, string]> = {
  sectors: ['sector', 'sectors'],
  organisations: ['organisation', 'organisations'],
  people: ['person', 'people'],
  events: ['event', 'events'],
  topics: ['topic', 'topics'],
  encounters: ['person met at an event', 'people met at events'],
  eventTopics: ['topic of an event', 'topics of events'],
  encounterTopics: ['topic of someone met at an event', 'topics of people met at events'],
  personTopics: ['topic of a person', 'topics of people'],
  insights: ['fact', 'facts'],
  redactedTexts: ['earlier wording of an off-the-record fact', 'earlier wordings of off-the-record facts'],
  followUps: ['follow-up', 'follow-ups'],
  interactions: ['contact logged', 'contacts logged'],
  notDuplicates: ['pair kept as two people', 'pairs kept as two people'],
  organisationNotDuplicates: ['pair kept as two organisations', 'pairs kept as two organisations'],
  posts: ['post', 'posts'],
  formerPostSlugs: ['earlier address of a post', 'earlier addresses of posts'],
};

/** What a backup's skipped rows were, in the tables' order: "12 sectors and 3 people already here"; '' for none. */
function skippedWords(skippedBy: Record<string, number> = {}): string {
  const kinds = Object.entries(skippedBy)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => {
      const [one, many] = BACKUP_ROW_WORDS[key] ?? ['other row', 'other rows'];
      return countOf(n, one, many);
    });
  return kinds.length ? `${joinList(kinds)} already here` : '';
}

/**
 * What an import did, or in the preview would do, as the page says it: "3 created, 1 updated, 0 skipped, 1 row
 * left out, 2 blank lines skipped". The rows left out and the blank lines are said only when there are some; a
 * backup's skipped rows are said by kind: "12 to skip (12 sectors already here)".
 */
export function summaryWords(s: Pick<ImportSummary, 'created' | 'updated' | 'skipped' | 'skippedBy' | 'errors' | 'blankLines'>, preview = false): string {
  const why = skippedWords(s.skippedBy);
  const skipped = `${s.skipped.toLocaleString('en-GB')} ${preview ? 'to skip' : 'skipped'}${why ? ` (${why})` : ''}`;
  const words = preview
    ? [`${s.created.toLocaleString('en-GB')} new`, `${s.updated.toLocaleString('en-GB')} to update`, skipped]
    : [`${s.created.toLocaleString('en-GB')} created`, `${s.updated.toLocaleString('en-GB')} updated`, skipped];
  if (s.errors.length) words.push(`${countOf(s.errors.length, 'row')} ${preview ? 'with errors' : 'left out'}`);
  if (s.blankLines) words.push(`${countOf(s.blankLines, 'blank line')} skipped`);
  return words.join(', ');
}

/**
 * A file's name as Settings → Import lists it: the import takes up to 255 characters, so a longer one is cut (with
 * "…"), not refused, and never between the two halves of a character outside the BMP (an emoji), which could not be
 * stored.
 */
export function listedFileName(name: string): string {
  if (name.length <= 255) return name;
  const cut = name.slice(0, 254);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
