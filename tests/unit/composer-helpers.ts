import type { ComposeInput, ComposePerson } from '@/lib/posts/types';

let counter = 0;

/** A person at the event; only what a test cares about needs saying. */
export function person(fields: Partial<ComposePerson> = {}): ComposePerson {
  counter += 1;
  return {
    id: `p${counter}`,
    name: null,
    role: null,
    organisation: null,
    sector: null,
    keepPrivate: false,
    relation: 'met',
    topics: [],
    notes: null,
    ...fields,
  };
}

/** An event the evening after which the post is written, with nothing in it unless given. */
export function eventInput(fields: Partial<Omit<ComposeInput, 'event'>> & { event?: Partial<ComposeInput['event']> } = {}): ComposeInput {
  const { event, ...rest } = fields;
  return {
    event: {
      title: 'Digital leaders breakfast',
      venue: null,
      host: null,
      series: null,
      summary: null,
      reflection: null,
      localDate: '2026-04-21',
      localHour: 18,
      ...event,
    },
    postDate: '2026-04-22',
    seriesCount: 0,
    people: [],
    topics: [],
    facts: [],
    followUps: [],
    ...rest,
  };
}

/** Text that must never appear in a generated post. */
export const ARTEFACTS = [/undefined/, /\bnull\b/, /\[object/, /NaN/, /, ,/, /,,/, /^\s*[-*]\s*$/m, /\(\s*\)/, / {2,}\S/, /\s[.,;]/, /\.\./];
