import { createPersonSchema } from '@/lib/people/validation';
import { movedToFront } from './types';

/**
 * Where people write two numbers apart in one cell: ';', ',', a line break, the word 'or', or a '/' with a space
 * beside it. Captured, so that a piece which turns out not to be a number goes back with the text it had.
 */
const BETWEEN = /(\s*[;,\n]\s*|\s+or\s+|\s+\/\s*|\s*\/\s+)/i;
/** A '/' with no space beside it: between two numbers, or inside one after its area code ("030/1234567"). */
const TIGHT_SLASH = /(\/)/;

/**
 * Enough digits to be a number of its own rather than a piece of one: an area code ("030", "+44 20", "0049 6221"),
 * an extension ("ext. 204", "x204") or a tel: URI's ";ext=102" has fewer. What only says where a number is dialled
 * from is not counted: a country code written apart ("+49 ", "0049 "), the trunk prefix "(0)" or a leading 0. So
 * "+49 (0)6221 / 4567890" and "0049 6221/4567890" are one number each.
 */
const MIN_DIGITS = 7;
const COUNTRY_CODE = /^\s*(?:\+|00)\d{1,3}(?=[\s(.-])/;
const isNumberOfItsOwn = (s: string) => s.replace(COUNTRY_CODE, '').replace(/\(0\)/g, '').replace(/\D/g, '').replace(/^0/, '').length >= MIN_DIGITS;

/** A dialler's pause (",," before a conference code or an extension): part of the number, never between two. */
const PAUSE = /,{2,}/g;
const HELD = '\uE000';

/** A phone number the person's phone field takes, by the same rule as the form and the API. */
const isPhone = (s: string) => !!s.trim() && createPersonSchema.shape.phone.safeParse(s).success;

/**
 * Splits `text` at `separator` where the pieces on both sides are numbers of their own; a piece that is not (an
 * extension, an area code, a remark) stays joined, with its separator, to the number before it, or to the first one
 * when it comes before them all. Text with fewer than two numbers comes back whole.
 */
function splitBetweenNumbers(text: string, separator: RegExp): string[] {
  const pieces = text.split(separator);
  const numbers: string[] = [];
  let current: string | null = null;
  let before = '';
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]!;
    const joint = i > 0 ? pieces[i - 1]! : '';
    if (isNumberOfItsOwn(piece)) {
      if (current !== null) numbers.push(current);
      current = current === null ? before + joint + piece : piece;
    } else if (current !== null) current += joint + piece;
    else before += joint + piece;
  }
  if (current === null) return [text];
  numbers.push(current);
  return numbers;
}

/**
 * The numbers in one phone cell (or a vCard's TEL value): "020 7946 0000 / 07700 900123", "…; …", "… or …", one
 * a line, or "…, …" are two. One number written with spaces, dashes, brackets, an area code before a '/' or an
 * extension stays whole. Nothing for an empty cell.
 */
export function splitPhones(cell: string): string[] {
  const whole = cell.trim();
  if (!whole) return [];
  const held = whole.replace(PAUSE, (commas) => HELD.repeat(commas.length));
  return splitBetweenNumbers(held, BETWEEN)
    .flatMap((part) => splitBetweenNumbers(part, TIGHT_SLASH))
    .map((part) => part.replaceAll(HELD, ','));
}

/**
 * The same numbers with the first one the phone field takes moved to the front, as addressFirst does for emails:
 * the first becomes the person's phone and the rest go to the notes, so a number with an extension (which the
 * field refuses) ahead of a plain one costs the person nothing.
 */
export function phoneFirst(phones: string[]): string[];
export function phoneFirst<T>(phones: T[], number: (phone: T) => string): T[];
export function phoneFirst<T>(phones: T[], number: (phone: T) => string = String): T[] {
  return movedToFront(phones, (p) => isPhone(number(p)));
}

/** The numbers of a row's phone cells, split as splitPhones does, the first the phone field takes first. */
export function phonesIn(cells: string[]): string[] {
  return phoneFirst(cells.flatMap(splitPhones));
}
