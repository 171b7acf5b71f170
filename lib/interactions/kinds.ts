/** The kinds of contact one can log, and how a page names them (no zod: client components import this). */
export const INTERACTION_KINDS = ['call', 'coffee', 'email', 'message', 'meeting', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const KIND_LABELS: Record<InteractionKind, string> = {
  call: 'Call',
  coffee: 'Coffee',
  email: 'Email',
  message: 'Message',
  meeting: 'Meeting',
  other: 'Other',
};
