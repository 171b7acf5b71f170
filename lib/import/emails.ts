import { createPersonSchema } from '@/lib/people/validation';
import { movedToFront } from './types';

/** The separators of several addresses in one cell: ';' or ',' as people type them, ' ::: ' as Google writes them. */
const SEPARATORS = /\s*(?:[;,]|:::)\s*/;

/** An address the person's email field takes, by the same rule as the form and the API. */
const isAddress = (s: string) => !!s.trim() && createPersonSchema.shape.email.safeParse(s).success;

/**
 * The addresses in one email cell (or a vCard's EMAIL value): split at ';', ',' or ' ::: ' when some part is an
 * address; a cell with none is kept whole, so that its warning quotes what the file had. Nothing for an empty cell.
 */
export function splitEmails(cell: string): string[] {
  const whole = cell.trim();
  const parts = whole.split(SEPARATORS).filter(Boolean);
  return parts.some(isAddress) ? parts : whole ? [whole] : [];
}

/**
 * The same emails with the first one that is an address moved to the front, the others in their order: the first
 * becomes the person's email and the rest go to the notes, so an unreadable first value costs the person nothing.
 */
export function addressFirst<T>(emails: T[], address: (email: T) => string): T[] {
  return movedToFront(emails, (e) => isAddress(address(e)));
}
