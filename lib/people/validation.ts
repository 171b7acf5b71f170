import { z } from 'zod';
import { CANNOT_STORE, optionalText as text, queryText, storable } from '@/lib/validation/text';
import { topicList, topicName } from '@/lib/topics/validation';
import { cadenceSchema } from '@/lib/people/cadence-schema';
import { searchCursor } from './search-terms';

/** Optional text of a person: "" clears the field (null), as a form sends it. */
const optionalText = (max: number, label: string, opts: { oneLine?: boolean } = {}) => text(max, label, { ...opts, empty: null });

const optionalUuid = (label: string) =>
  z
    .union([z.literal(''), z.uuid({ error: `Choose a valid ${label}` })])
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

const email = z
  .string()
  .max(400)
  .optional()
  .nullable()
  .transform((s) => s?.trim().toLowerCase() || null)
  .refine((s) => !s || (s.length <= 254 && z.email().safeParse(s).success), 'Enter an email address like name@example.com');

/** One link of a person: http or https only; a bare address is given https://. */
export const link = z
  .string()
  .trim()
  .max(500, 'Keep each link to 500 characters')
  .refine(storable, CANNOT_STORE)
  .refine((s) => !/[\s\u0000-\u001f\u007f]/.test(s), 'A link cannot contain spaces or line breaks')
  .transform((s) => (/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`))
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a web address like https://example.com/name');

/** The editable fields of a person, shared by the form and the API. */
const personFieldsSchema = z.object({
  name: optionalText(200, 'Name', { oneLine: true }),
  role: optionalText(200, 'Role', { oneLine: true }),
  organisationId: optionalUuid('organisation'),
  /** A new organisation typed by name; wins over organisationId when both are sent by the form. */
  organisationName: optionalText(200, 'Organisation', { oneLine: true }),
  sectorId: optionalUuid('sector'),
  email,
  phone: optionalText(50, 'Phone').refine((s) => !s || /^[0-9+()./\s-]{3,50}$/.test(s), 'Enter a phone number using digits, spaces and + ( ) -'),
  links: z.array(link).max(10, 'Add at most 10 links').optional().default([]),
  notes: optionalText(10_000, 'Notes'),
  /** Topics the person is known for (a vCard's CATEGORIES), apart from any event. */
  topics: topicList,
  keepPrivate: z.boolean().optional().default(false),
});

/** A person needs at least a name, or a role or organisation to describe them by. */
function describable(
  p: { name?: string | null; role?: string | null; organisationId?: string | null; organisationName?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!p.name && !p.role && !p.organisationId && !p.organisationName) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter a name, or a role or organisation to know them by' });
  }
}

/** A new person. Unknown keys (`userId`, `version`) are refused, not silently dropped. */
export const createPersonSchema = personFieldsSchema.strict().superRefine(describable);
export type PersonInput = z.output<typeof personFieldsSchema>;

/** An edit: the whole set of fields plus the version the editor read. */
export const updatePersonSchema = personFieldsSchema
  .extend({ version: z.coerce.number({ error: 'The version is missing' }).int().min(1) })
  .strict()
  .superRefine(describable);

/** A partial edit from the API (PATCH): only the fields sent change. */
export const patchPersonSchema = z
  .object({
    name: optionalText(200, 'Name', { oneLine: true }),
    role: optionalText(200, 'Role', { oneLine: true }),
    organisationId: optionalUuid('organisation'),
    sectorId: optionalUuid('sector'),
    email,
    phone: personFieldsSchema.shape.phone,
    links: z.array(link).max(10, 'Add at most 10 links'),
    notes: optionalText(10_000, 'Notes'),
    topics: z.array(topicName).max(30, 'At most 30 topics'),
    keepPrivate: z.boolean(),
    /** The keep-in-touch cadence; null follows the sector's default. */
    keepInTouch: cadenceSchema.nullable(),
    version: z.number({ error: 'Send the version you read' }).int().min(1),
  })
  .partial()
  .required({ version: true })
  .strict();
export type PersonPatch = z.output<typeof patchPersonSchema>;

export const LAST_MET = ['30d', '90d', '12m', 'older', 'never'] as const;
export type LastMet = (typeof LAST_MET)[number];
export const LAST_MET_LABELS: Record<LastMet, string> = {
  '30d': 'In the last 30 days',
  '90d': 'In the last 3 months',
  '12m': 'In the last 12 months',
  older: 'More than a year ago',
  never: 'Never met (mentioned only)',
};

/**
 * How the list is ordered. Unset: best match first while searching by words, else last met first. "met" orders a
 * search by last met instead; "name" by name (else the role a nameless person is shown by), A to Z; "added" newest
 * first.
 */
const PEOPLE_SORTS = ['met', 'name', 'added'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

const many = (max: number, item: z.ZodType<string>) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])].filter(Boolean).slice(0, max));

const filterText = queryText(200);

/** One value of a repeatable filter (a sector or organisation, by name or id). */
const filterValue = z
  .string()
  .max(200)
  .transform((s) => queryText(200).parse(s) ?? '');

/**
 * The search state as it travels in a URL or an API query string. Sectors may be names or ids; unknown
 * values simply match nothing, as a stale bookmark should.
 */
export const searchParamsSchema = z.object({
  q: filterText,
  sector: many(20, filterValue),
  organisation: many(10, filterValue),
  role: filterText,
  event: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .transform((s) => s || undefined),
  topic: filterText,
  met: z
    .union([z.literal(''), z.enum(LAST_MET)])
    .optional()
    .transform((s) => s || undefined),
  /** An import's undoId: the people it added, while it can still be undone. */
  imported: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .transform((s) => s || undefined)
    .describe('An import’s undoId: only the people it added (for as long as it can be undone, 30 days)'),
  sort: z
    .union([z.literal(''), z.enum(PEOPLE_SORTS)])
    .optional()
    .transform((s) => s || undefined)
    .describe('The order: best match first while searching by words, else last met first; or `met`, `name` (A to Z) or `added` (newest first)'),
  cursor: searchCursor.input,
  limit: z.coerce.number().int().min(1).max(100).optional().default(25),
});
export type SearchParams = z.output<typeof searchParamsSchema>;
