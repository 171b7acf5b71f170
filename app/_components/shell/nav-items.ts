export const NAV_ITEMS = [
  { href: '/', label: 'Dashboard', short: 'Dashboard', icon: 'home' },
  { href: '/events', label: 'Events', short: 'Events', icon: 'events' },
  { href: '/people', label: 'People', short: 'People', icon: 'people' },
  { href: '/follow-ups', label: 'Follow-ups', short: 'Follow-ups', icon: 'followUps' },
  { href: '/posts', label: 'Posts', short: 'Posts', icon: 'posts' },
  { href: '/settings', label: 'Settings', short: 'Settings', icon: 'settings' },
] as const;
