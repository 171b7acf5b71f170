import { atomFeed } from '@/lib/posts/feed';
import { decodeParam } from '../load';
import { getPublicAuthor, listPublishedPosts, siteOrigin } from '@/lib/posts/public';

/** The author's Atom feed: published posts only, readable without signing in. */
export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const author = await getPublicAuthor(decodeParam((await params).handle));
  if (!author) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const entries = await listPublishedPosts(author.id, 20);
  return new Response(atomFeed(author, entries, siteOrigin(request.headers)), {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      // Revalidated on every poll, so an unpublished post leaves the feed at once.
      'Cache-Control': 'public, max-age=0, must-revalidate',
    },
  });
}
