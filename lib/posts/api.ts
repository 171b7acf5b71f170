import { VersionConflictError } from '@/lib/errors';
import { postResponse } from './openapi';
import type { PostView } from './queries';

/** A post as the JSON API answers it: the Markdown under `markdown`, dates as ISO strings, the public URL once published. */
export function postJson(post: PostView, origin: string, handle: string) {
  return {
    id: post.id,
    eventId: post.eventId,
    title: post.title,
    slug: post.slug,
    markdown: post.bodyMarkdown,
    style: post.style,
    status: post.status,
    version: post.version,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    url: post.status === 'published' ? publicUrl(origin, handle, post.slug) : null,
    unpublishedChanges: post.unpublishedChanges,
  };
}

/** The public address of a published post. */
export function publicUrl(origin: string, handle: string, slug: string): string {
  return `${origin}/u/${handle}/${slug}`;
}

/**
 * A route's error, with a version conflict's current copy put in the shape GET answers (not the stored row), so a
 * client merges against what it would read: every other error as it was.
 */
export function asPostConflict(err: unknown, origin: string, handle: string): unknown {
  return err instanceof VersionConflictError ? new VersionConflictError(postResponse.parse(postJson(err.current as PostView, origin, handle))) : err;
}
