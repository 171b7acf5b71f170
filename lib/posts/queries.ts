import { and, desc, eq, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { formerPostSlugs, networkingEvents, posts, type PostRow } from '@/db/schema';
import { deletedWithinWindow } from '@/lib/restore-window';
import { isUniqueViolation, NamesPrivatePeopleError, NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { composePost } from './compose';
import { privatePeopleNamed } from './named';
import { redactFacts, slugQuotes, textsToCut, titleWithoutTexts, wordlessHeadline } from './off-the-record';
import { loadComposeInput, postSource } from './source';
import type { ComposeInput, PostStyleName } from './types';
import { slugify, type UpdatePostInput } from './validation';
import { slugify as slugOf } from '@/lib/slug';
import { onceForKey } from '@/lib/idempotency';
import { postCursor } from './cursor';
import { writingFor } from '@/lib/settings/writing';

/** What the user chose to put in a draft: its style, and whether their private notes and follow-ups go in. */
type DraftChoices = { style: PostStyleName; includeNotes?: boolean; includeFollowUps?: boolean };

/**
 * What the API and the editor see of a post: its text as the author last saved it. `unpublishedChanges`: published,
 * and edited since, so readers still see the text as last published (publishPost puts the edits out, revertPost back).
 */
export type PostView = Pick<
  PostRow,
  'id' | 'eventId' | 'title' | 'slug' | 'bodyMarkdown' | 'style' | 'status' | 'publishedAt' | 'version' | 'createdAt' | 'updatedAt'
> & { unpublishedChanges: boolean };

const columns = {
  id: posts.id,
  eventId: posts.eventId,
  title: posts.title,
  slug: posts.slug,
  bodyMarkdown: posts.bodyMarkdown,
  style: posts.style,
  status: posts.status,
  publishedAt: posts.publishedAt,
  version: posts.version,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
  unpublishedChanges: sql<boolean>`${posts.publishedTitle} is not null`.mapWith(Boolean),
};

/** The text readers see of a published post: as last published, if it was edited since. */
const publicCopy = { publishedTitle: posts.publishedTitle, publishedBodyMarkdown: posts.publishedBodyMarkdown, publishedUpdatedAt: posts.publishedUpdatedAt };
/** Nothing held back: readers see the post as it is, changed when it last was. */
const noCopy = { publishedTitle: null, publishedBodyMarkdown: null, publishedUpdatedAt: null };
/** Nothing held back any more, but readers' text is what it was: its time of change stays (no "updated" in the feed). */
const copyDropped = (current: { publishedUpdatedAt: Date | null; updatedAt: Date }) => ({
  publishedTitle: null,
  publishedBodyMarkdown: null,
  publishedUpdatedAt: current.publishedUpdatedAt ?? current.updatedAt,
});

const mine = (userId: string, postId: string) => and(eq(posts.id, postId), eq(posts.userId, userId), isNull(posts.deletedAt));

/** A slug not yet used by any of the user's posts (deleted ones included: their address may come back). */
async function freeSlug(conn: DbOrTx, userId: string, base: string, exceptId?: string): Promise<string> {
  const taken = await conn
    .select({ slug: posts.slug })
    .from(posts)
    .where(and(eq(posts.userId, userId), or(eq(posts.slug, base), like(posts.slug, `${base}-%`)), exceptId ? sql`${posts.id} <> ${exceptId}` : undefined));
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Serialises, per user, what decides whether an address may quote a fact: publishing, an edit of a post, and marking a
 * fact off the record. Without it a publish that read the facts before a mark committed, or two marks at once, could
 * each leave a fact in a live address. Taken before any row lock, in every one of them.
 */
async function lockAddresses(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rapport-post-address:${userId}`}, 0))`);
}

/**
 * The address for a post whose own quotes an off-the-record fact: its title without the fact, or, where the fact was
 * the whole title, its event's (a post at `/post` says nothing of what it is).
 */
async function addressWithout(conn: DbOrTx, userId: string, post: { title: string; eventId: string | null }, texts: string[]): Promise<string> {
  const own = slugify(titleWithoutTexts(post.title, texts));
  if (own !== slugify('') || !post.eventId) return own;
  const [event] = await conn
    .select({ title: networkingEvents.title })
    .from(networkingEvents)
    .where(and(eq(networkingEvents.userId, userId), eq(networkingEvents.id, post.eventId)));
  return event ? slugify(titleWithoutTexts(event.title, texts)) : own;
}

/** One of the user's posts with the text readers see, its row locked for the transaction; NotFoundError otherwise. */
async function lockPost(tx: DbOrTx, userId: string, postId: string) {
  const [current] = await tx
    .select({ ...columns, ...publicCopy })
    .from(posts)
    .where(mine(userId, postId))
    .for('update');
  if (!current) throw new NotFoundError('Post not found');
  return current;
}

/** Whether a post's address is still the one made from its title (with the number a clash added), not one chosen. */
function followsTitle(post: { title: string; slug: string }): boolean {
  // As made now, or as made before addresses ended at a whole word (cut at 60 characters, mid-word).
  const made = [slugify(post.title), slugOf(post.title, Infinity).slice(0, 60).replace(/-+$/, '')];
  return made.some((base) => post.slug === base || (post.slug.startsWith(`${base}-`) && /^\d+$/.test(post.slug.slice(base.length + 1))));
}

/** Composes a draft from one of the user's events and saves it. */
export async function createPostFromEvent(
  conn: DbOrTx,
  userId: string,
  eventId: string,
  options: DraftChoices & { timeZone: string; now?: Date },
): Promise<PostView> {
  const input = await loadComposeInput(conn, userId, eventId, options.timeZone, options.now);
  const writing = await writingFor(conn, userId);
  const composed = composePost(input, { style: options.style, includeNotes: options.includeNotes, includeFollowUps: options.includeFollowUps, writing });
  for (let attempt = 0; attempt < 3; attempt++) {
    const slug = await freeSlug(conn, userId, slugify(composed.title));
    try {
      // A savepoint, so that losing a slug race does not abort the caller's transaction.
      const [row] = await (conn as typeof db).transaction((tx) =>
        tx.insert(posts).values({ userId, eventId, title: composed.title, slug, bodyMarkdown: composed.markdown, style: options.style }).returning(columns),
      );
      return row!;
    } catch (err) {
      if (!isUniqueViolation(err, 'posts_user_slug_key')) throw err;
    }
  }
  throw new UserFacingError('Could not find a free address for this post; try again.', 409);
}

/** Composes what regenerating a post from its event would give now, without saving it. */
export async function previewRegeneration(userId: string, postId: string, options: DraftChoices & { timeZone: string }) {
  const post = await getPost(userId, postId);
  if (!post.eventId) throw new UserFacingError('The event this post was written from has been deleted.', 409);
  const input = await loadComposeInput(db, userId, post.eventId, options.timeZone).catch((err) => {
    if (err instanceof NotFoundError) throw new UserFacingError('The event this post was written from has been deleted.', 409);
    throw err;
  });
  const { title, markdown } = composePost(input, {
    style: options.style,
    includeNotes: options.includeNotes,
    includeFollowUps: options.includeFollowUps,
    writing: await writingFor(db, userId),
  });
  return { title, markdown };
}

/**
 * What composing the post's event gives now, sentence by sentence with its sources, for the editor's
 * "where this came from" panel; null when the event is gone. Reads only.
 */
export async function draftSources(userId: string, post: Pick<PostView, 'eventId' | 'style' | 'createdAt'>, timeZone: string, source?: ComposeInput | null) {
  // As of the day the post was written, so that "last night" still matches the draft's opening (postSource).
  const input = source === undefined ? await postSource(userId, post, timeZone) : source;
  if (!input) return null;
  return composePost(input, { style: post.style, writing: await writingFor(db, userId) }).parts;
}

/** One of the user's posts, or NotFoundError. */
export async function getPost(userId: string, postId: string): Promise<PostView> {
  const [row] = await db.select(columns).from(posts).where(mine(userId, postId));
  if (!row) throw new NotFoundError('Post not found');
  return row;
}

/** The user's posts, most recently edited first, a page at a time. */
export async function listPosts(userId: string, opts: { status?: 'draft' | 'published'; limit?: number; cursor?: string } = {}) {
  const limit = opts.limit ?? 50;
  const cursor = opts.cursor ? postCursor.decode(opts.cursor) : null;
  const rows = await db
    .select({ ...columns, bodyMarkdown: sql<string>`left(${posts.bodyMarkdown}, 300)` })
    .from(posts)
    .where(
      and(
        eq(posts.userId, userId),
        isNull(posts.deletedAt),
        opts.status ? eq(posts.status, opts.status) : undefined,
        cursor ? or(lt(posts.updatedAt, new Date(cursor.updatedAt)), and(eq(posts.updatedAt, new Date(cursor.updatedAt)), lt(posts.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(posts.updatedAt), desc(posts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? postCursor.encode({ updatedAt: last.updatedAt.toISOString(), id: last.id }) : null;
  return { posts: page, nextCursor };
}

/** A title refused because the cut leaves it no word of its own. */
const wordlessTitle = (message: string) =>
  new UserFacingError(message, 422, {
    title: ['A title with words of its own, not only what is off the record'],
  });

/**
 * Saves an edit if `version` is still current; otherwise throws VersionConflictError with the current copy,
 * so nothing written elsewhere is silently overwritten. An edit of a published post is the author's until they publish
 * it (publishPost): readers keep the text as last published, so no half-typed sentence is ever public.
 */
export async function updatePost(userId: string, postId: string, input: UpdatePostInput): Promise<PostView> {
  return db.transaction(async (tx) => {
    await lockAddresses(tx, userId);
    const current = await lockPost(tx, userId, postId);
    if (current.version !== input.version) throw new VersionConflictError(current);
    // Until a post is first published its address has never been public, so one still made from its title follows a
    // new title ("drinks-at-the-bbc" becomes "what-the-bbc-told-me"); one the user chose stays.
    let followed: string | undefined;
    if (input.slug === undefined && input.title !== undefined && input.title !== current.title && !current.publishedAt && followsTitle(current)) {
      followed = await freeSlug(tx, userId, slugify(input.title), postId);
    }
    if (input.slug && input.slug !== current.slug) {
      if (slugQuotes(input.slug, await textsToCut(userId, tx))) {
        throw new UserFacingError('This address quotes a fact you marked off the record.', 422, {
          slug: ['This address quotes a fact you marked off the record, and an address cannot be cut: choose other words.'],
        });
      }
      const free = await freeSlug(tx, userId, input.slug, postId);
      if (free !== input.slug) {
        throw new UserFacingError('Another of your posts already uses this address.', 409, {
          slug: [`Another of your posts uses this address. “${free}” is free.`],
        });
      }
    }
    // Published: readers keep the text as last published, held beside the edit; an edit that comes back to it leaves
    // nothing held (nothing to publish).
    const title = input.title ?? current.title;
    const markdown = input.markdown ?? current.bodyMarkdown;
    let held: ReturnType<typeof copyDropped> | { publishedTitle: string; publishedBodyMarkdown: string; publishedUpdatedAt: Date } | undefined;
    if (current.status === 'published' && (title !== current.title || markdown !== current.bodyMarkdown)) {
      const seen = { title: current.publishedTitle ?? current.title, markdown: current.publishedBodyMarkdown ?? current.bodyMarkdown };
      // Its time of change too: the page's and the feed's "updated" stay when it last changed for readers.
      held =
        title === seen.title && markdown === seen.markdown
          ? copyDropped(current)
          : { publishedTitle: seen.title, publishedBodyMarkdown: seen.markdown, publishedUpdatedAt: current.publishedUpdatedAt ?? current.updatedAt };
    }
    if (input.slug && input.slug !== current.slug) {
      // A post that has been public leaves its old address forwarding here (links to it are out there); the new
      // address is its own now, not a forward to another of the user's posts.
      if (current.publishedAt) {
        await tx
          .insert(formerPostSlugs)
          .values({ userId, slug: current.slug, postId })
          .onConflictDoUpdate({ target: [formerPostSlugs.userId, formerPostSlugs.slug], set: { postId, releasedAt: sql`now()` } });
      }
      await tx.delete(formerPostSlugs).where(and(eq(formerPostSlugs.userId, userId), eq(formerPostSlugs.slug, input.slug)));
    }
    const [row] = await tx
      .update(posts)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.markdown !== undefined ? { bodyMarkdown: input.markdown } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : followed !== undefined ? { slug: followed } : {}),
        ...(input.style !== undefined ? { style: input.style } : {}),
        ...held,
        version: sql`${posts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(mine(userId, postId), eq(posts.version, input.version)))
      .returning(columns);
    return row!;
  });
}

/**
 * Publishes a post (keeping its first publication date) and returns it; for a post already out, puts out the edits made
 * since (readers saw the text as last published until now). If it names anyone of the user's who asked not to be named
 * in public (met at its event or not), NamesPrivatePeopleError (409, listing them) unless `confirmNamed`: when putting
 * out edits, only those the edits newly name (the others were confirmed when it went out). `version`, when given, is
 * the copy the user read: a post changed since is a VersionConflictError, so nobody publishes text they have not seen.
 */
export async function publishPost(
  userId: string,
  postId: string,
  opts: { confirmNamed?: boolean; version?: number } = {},
): Promise<PostView & { moved: boolean }> {
  return db.transaction(async (tx) => {
    await lockAddresses(tx, userId);
    const current = await lockPost(tx, userId, postId);
    const out = current.status === 'published';
    // Published with nothing held back: a retried request (perhaps after the first gave it a new address, and so a new
    // version), which changes nothing: its address and links stay.
    if (out && current.publishedTitle === null) return { ...current, moved: false };
    if (opts.version !== undefined && opts.version !== current.version) throw new VersionConflictError(current);
    const texts = await textsToCut(userId, tx);
    // A headline the cut leaves with no word of its own ("[…]", after "Cut it from the draft" took a title that was the
    // fact) would go out as a row of dots: the author gives it a title first.
    if (wordlessHeadline(redactFacts(current.title, texts))) {
      throw wordlessTitle(
        out && current.title !== current.publishedTitle
          ? 'Not published: once what is off the record is cut, the new title has no words of its own. Readers still see the one published before.'
          : 'Not published: once what is off the record is cut, its title has no words of its own. Give it a title first.',
      );
    }
    // Asked after the title is known to stand: a question answered only to meet a refusal would be asked for nothing.
    if (!opts.confirmNamed) {
      let named = await privatePeopleNamed(tx, userId, current.eventId, `${current.title}\n${current.bodyMarkdown}`);
      if (out && named.length) {
        const before = await privatePeopleNamed(tx, userId, current.eventId, `${current.publishedTitle}\n${current.publishedBodyMarkdown}`);
        named = named.filter((p) => !before.some((b) => b.id === p.id));
      }
      if (named.length) throw new NamesPrivatePeopleError(named.map(({ id, name }) => ({ id, name })));
    }
    // The page cuts an off-the-record fact from the title and body, but not from the address: one that quotes a fact
    // (made from a title written before the fact was marked, say) is made again from the title without it as the post
    // goes out. A post already out keeps its address (marking the fact moved it, readdressQuoting): links to it hold.
    const slug = !out && slugQuotes(current.slug, texts) ? await freeSlug(tx, userId, await addressWithout(tx, userId, current, texts), postId) : undefined;
    const [row] = await tx
      .update(posts)
      // A new address is a change to the post, as an edit is: an editor holding the copy from before hears of it.
      // Putting out held edits changes no text of the author's, so an editor open on it saves on as before.
      .set({
        status: 'published',
        publishedAt: sql`coalesce(${posts.publishedAt}, now())`,
        ...noCopy,
        updatedAt: new Date(),
        ...(slug ? { slug, version: sql`${posts.version} + 1` } : {}),
      })
      .where(mine(userId, postId))
      .returning(columns);
    // `moved`: given a new address, and so a new version; otherwise the version is whatever it was, someone else's edit
    // included, and an editor must not take it for its own.
    return { ...row!, moved: !!slug };
  });
}

/**
 * Puts back the text readers see: the author's edits of a published post since it last went out are dropped. Version
 * checked, as an edit is; a post with nothing held back is returned as it is.
 */
export async function revertPost(userId: string, postId: string, version: number): Promise<PostView> {
  return db.transaction(async (tx) => {
    const current = await lockPost(tx, userId, postId);
    if (current.version !== version) throw new VersionConflictError(current);
    if (current.publishedTitle === null || current.publishedBodyMarkdown === null) return current;
    const [row] = await tx
      .update(posts)
      .set({
        title: current.publishedTitle,
        bodyMarkdown: current.publishedBodyMarkdown,
        ...copyDropped(current),
        version: sql`${posts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(mine(userId, postId))
      .returning(columns);
    return row!;
  });
}

/** A published post given a new address: its title, its address now, and whether it is in Deleted. */
export interface MovedPost {
  id: string;
  title: string;
  slug: string;
  deleted: boolean;
}

/**
 * Gives every published post whose address quotes one of the user's off-the-record facts (published before the fact
 * was marked) an address without it, as publishing does: the page cuts the fact from the title and body, but an
 * address cannot be cut. Run in the transaction that marks a fact, so no moment passes with the fact marked and its
 * words still in an address. The old address then finds nothing; those moved are returned, for the user to be told.
 * A post in Deleted is moved too: it could come back. Each move is a new version, so an editor open on it hears of it.
 */
export async function readdressQuoting(tx: DbOrTx, userId: string): Promise<MovedPost[]> {
  await lockAddresses(tx, userId);
  const texts = await textsToCut(userId, tx);
  if (texts.length === 0) return [];
  const published = await tx
    .select({
      id: posts.id,
      title: posts.title,
      // The address is made from the title readers see: one held back from them must not reach it before they do.
      seenTitle: sql<string>`coalesce(${posts.publishedTitle}, ${posts.title})`,
      slug: posts.slug,
      eventId: posts.eventId,
      deletedAt: posts.deletedAt,
    })
    .from(posts)
    .where(and(eq(posts.userId, userId), eq(posts.status, 'published')));
  const moved: MovedPost[] = [];
  for (const post of published.filter((p) => slugQuotes(p.slug, texts))) {
    const base = await addressWithout(tx, userId, { title: post.seenTitle, eventId: post.eventId }, texts);
    // A draft made meanwhile (which takes no lock) may take the free address first: a savepoint, and the next one.
    for (let attempt = 0; ; attempt++) {
      const slug = await freeSlug(tx, userId, base, post.id);
      try {
        await (tx as typeof db).transaction((sp) =>
          sp
            .update(posts)
            .set({ slug, version: sql`${posts.version} + 1`, updatedAt: new Date() })
            .where(and(eq(posts.userId, userId), eq(posts.id, post.id))),
        );
        // Its title as the user wrote it: they are told which of their posts moved, on their own page.
        moved.push({ id: post.id, title: post.title, slug, deleted: post.deletedAt !== null });
        break;
      } catch (err) {
        if (attempt >= 2 || !isUniqueViolation(err, 'posts_user_slug_key')) throw err;
      }
    }
  }
  return moved;
}

/** Takes a post back to draft: it disappears from the public page and the feed at once. */
export async function unpublishPost(userId: string, postId: string): Promise<PostView> {
  // A draft is the author's text alone: edits held back from readers are simply the draft now.
  const [row] = await db
    .update(posts)
    .set({ status: 'draft', ...noCopy, updatedAt: new Date() })
    .where(mine(userId, postId))
    .returning(columns);
  if (!row) throw new NotFoundError('Post not found');
  return row;
}

/** Soft-deletes a post (undo with restorePost); it leaves the public page and feed at once. */
export async function deletePost(userId: string, postId: string): Promise<void> {
  const done = await db.update(posts).set({ deletedAt: new Date() }).where(mine(userId, postId)).returning({ id: posts.id });
  if (done.length === 0) throw new NotFoundError('Post not found');
}

/** Brings back a post deleted within the restore window. */
export async function restorePost(userId: string, postId: string): Promise<void> {
  const done = await db
    .update(posts)
    .set({ deletedAt: null })
    .where(and(eq(posts.id, postId), eq(posts.userId, userId), isNotNull(posts.deletedAt), deletedWithinWindow(posts.deletedAt)))
    .returning({ id: posts.id });
  if (done.length === 0) throw new NotFoundError('Post not found');
}

/**
 * Creates a draft from an event once per idempotency key: a retried or double-submitted request gets the
 * first draft back (`replayed`) instead of a second one. Without a key it simply creates one.
 */
export async function createPostFromEventOnce(
  userId: string,
  eventId: string,
  options: DraftChoices & { timeZone: string },
  idempotencyKey?: string | null,
): Promise<{ post: PostView; replayed: boolean }> {
  // Follow-ups are in the fingerprint only when asked for, so that a request from before the choice existed
  // still matches its retry.
  const request = { eventId, style: options.style, includeNotes: !!options.includeNotes, ...(options.includeFollowUps ? { includeFollowUps: true } : {}) };
  const result = await onceForKey(userId, idempotencyKey, 'posts.create', request, async (tx) => {
    const post = await createPostFromEvent(tx, userId, eventId, options);
    return { status: 201, body: { id: post.id }, resourceId: post.id };
  });
  return { post: await getPost(userId, result.body.id), replayed: result.replayed };
}
