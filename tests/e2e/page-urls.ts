/** The ids a signed-in user's pages are opened with. */
export interface PageIds {
  event: string;
  person: string;
  otherPerson: string;
  organisation: string;
  followUp: string;
  post: string;
  topic: string;
  handle: string;
  slug: string;
}

/**
 * One URL (or more) for every page under app/, by its route pattern: the isolation and XSS tests walk app/ for
 * pages and fail when a pattern is missing here, so a new page cannot be left out of either.
 */
export const PAGE_URLS: Record<string, (ids: PageIds) => string[]> = {
  '/': () => ['/'],
  // Any address with no page: a 404 inside the app shell.
  '/[...missing]': () => ['/no-such-page', '/people/not-a-page/at-all'],
  '/events': () => ['/events', '/events?q=zz'],
  '/events/new': () => ['/events/new'],
  '/events/[id]': (i) => [`/events/${i.event}`],
  '/events/[id]/edit': (i) => [`/events/${i.event}/edit`],
  '/events/[id]/brief': (i) => [`/events/${i.event}/brief`],
  '/review': () => ['/review', '/review?week=2026-W17'],
  '/people': () => ['/people', '/people?q=script'],
  '/people/new': () => ['/people/new'],
  '/people/duplicates': () => ['/people/duplicates'],
  '/people/merge': (i) => [`/people/merge?keep=${i.person}&other=${i.otherPerson}`],
  '/people/[id]': (i) => [`/people/${i.person}`],
  '/people/[id]/edit': (i) => [`/people/${i.person}/edit`],
  '/organisations': () => ['/organisations'],
  '/organisations/[id]': (i) => [`/organisations/${i.organisation}`],
  '/facts': () => ['/facts', '/facts?q=zz'],
  '/follow-ups': () => ['/follow-ups', '/follow-ups?status=done'],
  '/follow-ups/[id]': (i) => [`/follow-ups/${i.followUp}`],
  '/posts': () => ['/posts'],
  '/posts/[id]': (i) => [`/posts/${i.post}`],
  '/outbox': () => ['/outbox'],
  '/settings': () => ['/settings'],
  '/settings/deleted': () => ['/settings/deleted'],
  '/settings/import': () => ['/settings/import'],
  '/sign-in': () => ['/sign-in'],
  '/sign-up': () => ['/sign-up'],
  '/topics': () => ['/topics', '/topics?q=zz&sort=used'],
  '/topics/[id]': (i) => [`/topics/${i.topic}`],
  '/u/[handle]': (i) => [`/u/${i.handle}`],
  '/u/[handle]/[slug]': (i) => [`/u/${i.handle}/${i.slug}`],
  '/u/[handle]/[slug]/[...rest]': (i) => [`/u/${i.handle}/${i.slug}/more`],
};

/** Pages anyone may open (the public posts and the sign-in forms). */
export const PUBLIC_PAGES = new Set(['/sign-in', '/sign-up', '/u/[handle]', '/u/[handle]/[slug]', '/u/[handle]/[slug]/[...rest]']);
/** Pages that name one of the user's records in their address. */
export const RECORD_PAGES = new Set(Object.keys(PAGE_URLS).filter((p) => p.includes('[id]') || p === '/people/merge'));
