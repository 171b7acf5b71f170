import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { formerHandles, formerPostSlugs, posts, users } from '@/db/schema';
import { slugQuotes, textsToCut, withoutOffTheRecord } from './off-the-record';
import { slugSchema } from './validation';

/**
 * Reads for the public pages and the feed. Every query here is limited to published, non-deleted posts and
 * to what a reader may see: never emails, drafts or anything from the user's private records.
 */

export interface PublicAuthor {
  id: string;
  name: string;
  handle: string;
  timeZone: string;
  locale: string;
}

export interface PublicPost {
  /**
   * The post's lasting identity in feeds (a UUID made one way from its id, so the id itself is not published): the
   * same whatever its address or the author's handle becomes, so a feed reader does not take a moved post for a new one.
   */
  uid: string;
  title: string;
  slug: string;
  bodyMarkdown: string;
  publishedAt: Date;
  updatedAt: Date;
}

const HANDLE = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/**
 * The author behind a public handle, or null — also for anything that is not a handle, and for an account that
 * has published nothing, so that guessing handles does not tell who has an account.
 */
export async function getPublicAuthor(handle: string): Promise<PublicAuthor | null> {
  if (!HANDLE.test(handle)) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, timeZone: users.timeZone, locale: users.locale })
    .from(users)
    .where(and(sql`lower(${users.handle}) = lower(${handle})`, sql`exists (select 1 from ${posts} where ${published(users.id)})`))
    .limit(1);
  return row ?? null;
}

/**
 * The current handle of the author who gave `handle` up, so its links forward there; null when no one did, or when
 * that author has published nothing (as getPublicAuthor, so an old handle does not tell who has an account).
 */
export async function getForwardedHandle(handle: string): Promise<string | null> {
  if (!HANDLE.test(handle)) return null;
  const [row] = await db
    .select({ handle: users.handle })
    .from(formerHandles)
    .innerJoin(users, eq(users.id, formerHandles.userId))
    .where(and(sql`lower(${formerHandles.handle}) = lower(${handle})`, sql`exists (select 1 from ${posts} where ${published(users.id)})`))
    .limit(1);
  return row?.handle ?? null;
}

// A published post edited since shows readers the text as last published (updatePost holds it), until the edits go out.
const publicColumns = {
  uid: sql<string>`md5('rapport-post:' || ${posts.id}::text)::uuid::text`,
  title: sql<string>`coalesce(${posts.publishedTitle}, ${posts.title})`,
  slug: posts.slug,
  bodyMarkdown: sql<string>`coalesce(${posts.publishedBodyMarkdown}, ${posts.bodyMarkdown})`,
  publishedAt: sql<Date>`${posts.publishedAt}`.mapWith(posts.publishedAt),
  updatedAt: sql<Date>`coalesce(${posts.publishedUpdatedAt}, ${posts.updatedAt})`.mapWith(posts.updatedAt),
};

const published = (userId: string | typeof users.id) =>
  and(eq(posts.userId, userId), eq(posts.status, 'published'), isNull(posts.deletedAt), sql`${posts.publishedAt} is not null`);

/** The author's published posts, newest first. */
export async function listPublishedPosts(userId: string, limit = 50): Promise<PublicPost[]> {
  const found = await db.select(publicColumns).from(posts).where(published(userId)).orderBy(desc(posts.publishedAt), desc(posts.id)).limit(limit);
  return withoutOffTheRecord(userId, found);
}

/** One published post by its address, or null. */
export async function getPublishedPost(userId: string, slug: string): Promise<PublicPost | null> {
  // Not an address a post can have (a NUL, a slash, anything the slug rule refuses): missing, not a 500.
  if (!slugSchema.safeParse(slug).success || slugSchema.parse(slug) !== slug) return null;
  const [row] = await db
    .select(publicColumns)
    .from(posts)
    .where(and(published(userId), eq(posts.slug, slug)))
    .limit(1);
  return row ? ((await withoutOffTheRecord(userId, [row]))[0] ?? null) : null;
}

/**
 * Where a published post that had this address is now (its address), when the author changed it: a link shared to the
 * old one forwards there. Null when no post had it, the post is no longer published, or the old address quotes a fact
 * since marked off the record (such an address is left to lead nowhere, as the move off it meant).
 */
export async function movedPostSlug(userId: string, slug: string): Promise<string | null> {
  if (!slugSchema.safeParse(slug).success || slugSchema.parse(slug) !== slug) return null;
  const [row] = await db
    .select({ slug: posts.slug })
    .from(formerPostSlugs)
    .innerJoin(posts, and(eq(posts.id, formerPostSlugs.postId), eq(posts.userId, formerPostSlugs.userId)))
    .where(and(eq(formerPostSlugs.userId, userId), eq(formerPostSlugs.slug, slug), published(userId)))
    .limit(1);
  if (!row || slugQuotes(slug, await textsToCut(userId))) return null;
  return row.slug;
}

/** Where absolute links point; see lib/site-origin.ts. */
export { siteOrigin } from '@/lib/site-origin';
