import { z } from 'zod';
import { UserFacingError } from '@/lib/errors';

export const CURSOR_MESSAGE = 'Use the nextCursor from the previous page';

/**
 * How a list's position travels in a URL: JSON, base64url, checked on the way back in by `shape` (a zod schema),
 * so a crafted cursor is refused at the edge (400 with the field path `cursor`) instead of reaching the database.
 */
export function cursorCodec<T, I = T>(shape: z.ZodType<T, I>, maxLength = 500) {
  const read = (raw: string): T | null => {
    if (raw.length > maxLength) return null;
    try {
      const parsed = shape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  return {
    encode: (value: I): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url'),
    /** The position, or null for a cursor that is not one of ours. */
    read,
    /** The position, or a 400 naming the field. */
    decode(raw: string): T {
      const value = read(raw);
      if (value === null) throw new UserFacingError('The cursor is not valid.', 400, { cursor: [CURSOR_MESSAGE] });
      return value;
    },
    /** For a query schema: an optional cursor that must decode. */
    input: z
      .string()
      .max(maxLength, CURSOR_MESSAGE)
      .refine((s) => read(s) !== null, CURSOR_MESSAGE)
      .optional(),
  };
}
