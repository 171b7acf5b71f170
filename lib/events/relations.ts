/**
 * How a person was at an event: met (talked with the user), spoke (on stage: a speaker) or mentioned (named by
 * someone, not met). The database enum `encounter_relation` (db/schema/events.ts) holds the same three values.
 */
export const RELATIONS = ['met', 'spoke', 'mentioned'] as const;

export type Relation = (typeof RELATIONS)[number];

/** The one wording for each relation, on the event form, the event page and the person page. */
export const RELATION_LABEL: Record<Relation, string> = { met: 'Met', spoke: 'Speaker', mentioned: 'Mentioned' };
