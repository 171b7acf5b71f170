import { z } from 'zod';
import { shiftInstant } from '@/lib/dates';
import { dayInput, instantInput } from '@/lib/validation/dates';
import { optionalText, requiredText } from '@/lib/validation/text';
import { topicList } from '@/lib/topics/validation';
import { eventCursor } from './cursor';
import { MAX_YEARS_AHEAD, TOO_FAR_AHEAD } from './limits';
import { RELATIONS } from './relations';

const instant = instantInput;

const personInputSchema = z
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
    /**
     * The version of a known person (`id`) that the form loaded. Details sent for a known person are changes: they
     * need this version, and a person saved elsewhere since is a conflict rather than an overwrite.
     */
    version: z.int({ error: 'Send the version of the person you read (an integer)' }).min(1).optional(),
  })
  // Unknown keys are refused, not dropped: a client that sends `userId` learns it is not an input.
  .strict()
  .refine((p) => p.id || p.name || p.role || p.organisation || p.email, {
    message: 'Give a name, or at least a role or organisation',
    path: ['name'],
  });

const insightInputSchema = z.strictObject({
  /** An existing fact of this event, when editing: its row (and a credit the form cannot show) is kept. */
  id: z.uuid().optional(),
  text: requiredText(2000, 'Write the fact or statistic'),
  personIndex: z.int({ error: 'Not a person in this event' }).min(0).optional(),
});

/** A follow-up's due day: the same rule as lib/follow-ups (a real day, 2000 to 2100). */
const dueDay = dayInput({ from: '2000-01-01', to: '2100-12-31', rangeMessage: 'Choose a date between 2000 and 2100' });

const followUpInputSchema = z.strictObject({
  /** An existing follow-up of this event, when editing. */
  id: z.uuid().optional(),
  action: requiredText(500, 'Say what you will do'),
  due: z
    .union([dueDay, z.null(), z.literal('')])
    .optional()
    .transform((d) => d || undefined),
  personIndex: z.int({ error: 'Not a person in this event' }).min(0).optional(),
  personId: z.uuid({ error: 'Not a known person id' }).optional(),
  /** The version of an existing follow-up (`id`) that the form loaded; required to change it. */
  version: z.int({ error: 'Send the version of the follow-up you read (an integer)' }).min(1).optional(),
});

const eventFields = {
  title: requiredText(200, 'Give the event a title'),
  startsAt: instant.refine((d) => d <= shiftInstant(new Date(), MAX_YEARS_AHEAD * 365.25), TOO_FAR_AHEAD),
  endsAt: instant
    .optional()
    .nullable()
    .transform((d) => d ?? undefined),
  venue: optionalText(200, 'The venue'),
  host: optionalText(200, 'The host'),
  series: optionalText(200, 'The series'),
  summary: optionalText(5000, 'The summary'),
  reflection: optionalText(20000, 'The reflection'),
  topics: topicList,
  people: z.array(personInputSchema).max(100, 'At most 100 people per event').optional().default([]),
  insights: z.array(insightInputSchema).max(100, 'At most 100 facts per event').optional().default([]),
  followUps: z.array(followUpInputSchema).max(50, 'At most 50 follow-ups per event').optional().default([]),
  /**
   * Follow-ups of this event to remove. Follow-ups not listed in `followUps` are left as they are (they may have
   * been added or changed elsewhere since the form was opened): removing one is said, never implied.
   */
  removeFollowUps: z
    .array(z.uuid({ error: 'Not a follow-up of this event' }))
    .max(50)
    .optional()
    .default([]),
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
 * PATCH: any of the fields, plus the `version` that was read. `topics`, `people` and `insights` given replace the
 * event's lists; `followUps` given are added or changed (by `id` and `version`), and only those named in
 * `removeFollowUps` are removed. Defaults
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
  year: z
    .union([sortedYears, z.literal('')])
    .optional()
    .transform((y) => (y === '' ? undefined : y)),
  cursor: eventCursor.input,
  limit: z.coerce.number().int().min(1).max(100).optional().default(25),
});

export type EventListQuery = z.output<typeof eventListQuerySchema>;

export const SUGGEST_KINDS = ['organisations', 'sectors', 'series', 'topics', 'people'] as const;

/** Query string of GET /api/v1/events/suggest (autocomplete for the capture form). */
export const suggestQuerySchema = z.object({
  kind: z.enum(SUGGEST_KINDS, { error: `One of ${SUGGEST_KINDS.join(', ')}` }),
  q: optionalText(100, 'The search').transform((q) => q ?? ''),
});
