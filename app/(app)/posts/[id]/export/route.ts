import { apiRoute, parseId } from '@/lib/api/handler';
import { problem } from '@/lib/api/problem';
import { exportHtml, exportMarkdown } from '@/lib/posts/export';
import { withoutOffTheRecord } from '@/lib/posts/off-the-record';
import { getPost } from '@/lib/posts/queries';

/** Downloads a post as Markdown or as a standalone HTML page (the owner only, drafts included). */
export const GET = apiRoute<{ id: string }>(async (request, user, { params }) => {
  // An off-the-record fact never leaves in an export, even if the post was written before it was marked.
  const [post] = await withoutOffTheRecord(user.id, [await getPost(user.id, parseId((await params).id))]);
  if (!post) return problem(404, 'Not found.');
  const format = new URL(request.url).searchParams.get('format') ?? 'md';
  if (format !== 'md' && format !== 'html') return problem(400, 'Choose format=md or format=html.');
  const [body, type, ext] =
    format === 'md'
      ? [exportMarkdown(post), 'text/markdown; charset=utf-8', 'md']
      : [exportHtml(post, { author: user.name }), 'text/html; charset=utf-8', 'html'];
  return new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${post.slug}.${ext}"`,
      'Cache-Control': 'no-store',
      // The HTML file is opened from disk later; here it must never run anything.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
