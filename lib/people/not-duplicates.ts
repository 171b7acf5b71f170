import { answeredPairs } from '@/lib/answered-pairs';

/**
 * "Not the same person": the two are no longer offered as a possible duplicate anywhere (markNotDuplicate); its undo
 * lets them be offered again (unmarkNotDuplicate). Both must be the user's and in their address book.
 */
export const { mark: markNotDuplicate, unmark: unmarkNotDuplicate } = answeredPairs({
  pairs: 'not_duplicates',
  records: 'people',
  first: 'person_id',
  second: 'other_id',
});
