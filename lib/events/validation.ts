import { z } from 'zod';

const NUL = /\u0000/;

/**
 * Trimmed text up to `max` characters, no NUL bytes; "" and null become absent. `oneLine` (names, roles,
 * organisations, sectors) also folds runs of whitespace into one space, so "Owen  Chen" matches Owen Chen.
 */
export function optionalText(max: number, label = 'This', { oneLine = false } = {}) {
  return z
    .union([z.string(), z.null()])
    .optional()
    .transform((s) => (typeof s === 'string' ? (oneLine ? s.replace(/\s+/g, ' ') : s).trim() : undefined))
    .pipe(
      z
        .string()
        .max(max, `${label} can be at most ${max} characters`)
        .refine((s) => !NUL.test(s), 'Remove the NUL character')
        .optional(),
    )
    .transform((s) => s || undefined);
}

/** Trimmed, required text up to `max` characters, no NUL bytes. */
export function requiredText(max: number, message: string) {
  return z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Keep it under ${max} characters`)
    .refine((s) => !NUL.test(s), 'Remove the NUL character');
}

const topicName = z
  .string({ error: 'A topic is text' })
  .trim()
  .min(1, 'A topic cannot be empty')
  .max(60, 'Keep a topic under 60 characters')
  .refine((s) => !NUL.test(s), 'Remove the NUL character');

const topicList = z.array(topicName).max(30, 'At most 30 topics').optional().default([]);

export const RELATIONS = ['met', 'spoke', 'mentioned'] as const;

const instant = z.iso
  .datetime({ offset: true, local: false, error: 'Use a date and time like 2026-04-23T18:30:00+01:00' })
  .transform((s) => new Date(s));

export const personInputSchema = z
  .object({
    id: z.uuid({ error: 'Not a known person id' }).optional(),
    name: optionalText(200, 'A name', { oneLine: true }),
    role: optionalText(200, 'A role', { oneLine: true }),
    organisation: optionalText(200, 'An organisation', { oneLine: true }),
    sector: optionalText(100, 'A sector', { oneLine: true }),
    email: optionalText(320, 'An email').pipe(z.email({ error: 'Enter an email like name@example.com' }).optional()),
    relation: z.enum(RELATIONS, { error: 'Choose met, spoke or mentioned' }).optional().default('met'),
    notes: optionalText(2000, 'Notes'),
    topics: topicList,
    /** Make a new person even though a likely duplicate exists. */
    newPerson: z.boolean().optional(),
  })
  // Unknown keys are refused, not dropped: a client that sends `userId` learns it is not an input.
  .strict()
  .refine((p) => p.id || p.name || p.role || p.organisation || p.email, {
    message: 'Give a name, or at least a role or organisation',
    path: ['name'],
  });

export const insightInputSchema = z.strictObject({
  text: requiredText(2000, 'Write the fact or statistic'),
  personIndex: z.int({ error: 'Not a person in this event' }).min(0).optional(),
});

export const followUpInputSchema = z.strictObject({
  /** An existing follow-up of this event, when editing. */
  id: z.uuid().optional(),
  action: requiredText(500, 'Say what you will do'),
  due: z
    .union([
      z.iso.date({ error: 'Use a date like 2026-04-30' }).refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'Choose a date between 2000 and 2100'),
      z.null(),
      z.literal(''),
    ])
    .optional()
    .transform((d) => d || undefined),
  personIndex: z.int({ error: 'Not a person in this event' }).min(0).optional(),
  personId: z.uuid({ error: 'Not a known person id' }).optional(),
});

const eventFields = {
  title: requiredText(200, 'Give the event a title'),
  startsAt: instant,
  endsAt: instant.optional().nullable().transform((d) => d ?? undefined),
  venue: optionalText(200, 'The venue'),
  host: optionalText(200, 'The host'),
  series: optionalText(200, 'The series'),
  summary: optionalText(5000, 'The summary'),
  reflection: optionalText(20000, 'The reflection'),
  topics: topicList,
  people: z.array(personInputSchema).max(100, 'At most 100 people per event').optional().default([]),
  insights: z.array(insightInputSchema).max(100, 'At most 100 facts per event').optional().default([]),
  followUps: z.array(followUpInputSchema).max(50, 'At most 50 follow-ups per event').optional().default([]),
};

function crossCheck(
  e: { startsAt?: Date; endsAt?: Date; people?: unknown[]; insights?: { personIndex?: number }[]; followUps?: { personIndex?: number }[] },
  ctx: z.RefinementCtx,
) {
  if (e.startsAt && e.endsAt && e.endsAt < e.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end is before the start' });
  }
  const count = e.people?.length ?? 0;
  e.insights?.forEach((i, n) => {
    if (i.personIndex !== undefined && i.personIndex >= count) {
      ctx.addIssue({ code: 'custom', path: ['insights', n, 'personIndex'], message: 'Not a person in this event' });
    }
  });
  e.followUps?.forEach((f, n) => {
    if (f.personIndex !== undefined && f.personIndex >= count) {
      ctx.addIssue({ code: 'custom', path: ['followUps', n, 'personIndex'], message: 'Not a person in this event' });
    }
  });
}

/** The whole evening in one request: POST /api/v1/events and the capture form. */
export const eventInputSchema = z.object(eventFields).strict().superRefine(crossCheck);

/**
 * PATCH: any of the fields, plus the `version` that was read. Lists given replace the event's lists. Defaults
 * fill absent keys, so callers merge only the keys present in the raw body.
 */
export const eventPatchSchema = z
  .object(eventFields)
  .partial()
  .extend({ version: z.int({ error: 'Send the version you read (an integer)' }).min(1) })
  .strict()
  .superRefine(crossCheck);

export type EventInput = z.output<typeof eventInputSchema>;
export type EventPatch = z.output<typeof eventPatchSchema>;
export type PersonInput = z.output<typeof personInputSchema>;

const sortedYears = z.coerce.number().int().min(1900).max(2200);

/** Query string of GET /api/v1/events and the events page. */
export const eventListQuerySchema = z.object({
  q: optionalText(200, 'The search'),
  series: optionalText(200, 'The series'),
  topic: optionalText(60, 'The topic'),
  sector: optionalText(100, 'The sector'),
  year: z.union([sortedYears, z.literal('')]).optional().transform((y) => (y === '' ? undefined : y)),
  cursor: optionalText(200, 'The cursor'),
  limit: z.coerce.number().int().min(1).max(100).optional().default(25),
});

export type EventListQuery = z.output<typeof eventListQuerySchema>;

export const SUGGEST_KINDS = ['organisations', 'sectors', 'series', 'topics', 'people'] as const;

/** Query string of GET /api/v1/events/suggest (autocomplete for the capture form). */
export const suggestQuerySchema = z.object({
  kind: z.enum(SUGGEST_KINDS, { error: `One of ${SUGGEST_KINDS.join(', ')}` }),
  q: optionalText(100, 'The search').transform((q) => q ?? ''),
});
