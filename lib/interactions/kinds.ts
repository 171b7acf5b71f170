/** The kinds of contact one can log, and how a page names them (no zod: client components import this). */
export const INTERACTION_KINDS = ['call', 'coffee', 'email', 'message', 'meeting', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** What "Done" on a due contact logs: a contact of kind other with this note. */
export const MARKED_IN_TOUCH = 'Marked in touch';

/**
 * How a page names one logged contact: "Coffee" and its note, or, for a "Done" tapped on a due contact, "Marked in
 * touch" with no note, rather than "Other" with a note the user never wrote.
 */
export function describeContact(c: { kind: InteractionKind; note: string | null }): { label: string; note: string | null } {
  if (c.kind === 'other' && c.note === MARKED_IN_TOUCH) return { label: MARKED_IN_TOUCH, note: null };
  return { label: KIND_LABELS[c.kind], note: c.note };
}

export const KIND_LABELS: Record<InteractionKind, string> = {
  call: 'Call',
  coffee: 'Coffee',
  email: 'Email',
  message: 'Message',
  meeting: 'Meeting',
  other: 'Other',
};
