import { sql, type SQL } from 'drizzle-orm';

/**
 * A name's surname as people_user_surname_idx (migration 0027) holds it: its last word, lower-cased. Written once,
 * so every lookup by surname (the duplicate checks of a person's page and of a new row) matches the index exactly.
 */
export const surnameOf = (name: SQL) => sql`lower(regexp_replace(${name}, '^.*\\s', ''))`;
