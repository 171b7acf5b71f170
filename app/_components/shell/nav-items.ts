/**
 * The main navigation. `also` lists the other sections an item stands for: Memory is the facts you heard, the
 * topics, and the weekly review, one tab on a phone.
 */
export const NAV_ITEMS = [
  { href: '/', label: 'Dashboard', short: 'Dashboard', icon: 'home', also: [] },
  { href: '/events', label: 'Events', short: 'Events', icon: 'events', also: [] },
  { href: '/people', label: 'People', short: 'People', icon: 'people', also: [] },
  { href: '/follow-ups', label: 'Follow-ups', short: 'Follow-ups', icon: 'followUps', also: [] },
  { href: '/facts', label: 'Memory', short: 'Memory', icon: 'memory', also: ['/topics', '/review'] },
  { href: '/posts', label: 'Posts', short: 'Posts', icon: 'posts', also: [] },
  { href: '/settings', label: 'Settings', short: 'Settings', icon: 'settings', also: [] },
] as const satisfies readonly { href: string; label: string; short: string; icon: string; also: readonly string[] }[];

/** The Memory section's own tabs, shown above its pages. */
export const MEMORY_TABS = [
  { href: '/facts', label: 'Facts' },
  { href: '/topics', label: 'Topics' },
  { href: '/review', label: 'Weekly review' },
] as const;
