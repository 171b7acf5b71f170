import { atomFeed } from '@/lib/posts/feed';
import { decodeParam } from '../load';
import { getForwardedHandle, getPublicAuthor, listPublishedPosts, siteOrigin } from '@/lib/posts/public';

/** The author's Atom feed: published posts only, readable without signing in. */
export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const handle = decodeParam((await params).handle);
  const author = await getPublicAuthor(handle);
  if (!author) {
    // A handle given up: feed readers follow a permanent redirect and keep the new address.
    const movedTo = await getForwardedHandle(handle);
    // Revalidated like the feed itself: a redirect cached for good would loop once the author takes the handle back.
    if (movedTo)
      return new Response(null, { status: 308, headers: { Location: `/u/${movedTo}/feed.xml`, 'Cache-Control': 'public, max-age=0, must-revalidate' } });
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const entries = await listPublishedPosts(author.id, 20);
  return new Response(atomFeed(author, entries, siteOrigin(request.headers)), {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      // Revalidated on every poll, so an unpublished post leaves the feed at once.
      'Cache-Control': 'public, max-age=0, must-revalidate',
    },
  });
}
