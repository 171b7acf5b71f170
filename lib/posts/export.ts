import type { PostRow } from '@/db/schema';
import { writtenDate } from './english';
import { excerpt, renderMarkdown } from './render';

/** Escapes text for HTML and XML, once. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Exportable = Pick<PostRow, 'title' | 'bodyMarkdown' | 'publishedAt' | 'updatedAt'>;

/** The post as a Markdown file: the title as a heading, then the body. */
export function exportMarkdown(post: Exportable): string {
  return `# ${post.title.replace(/\n/g, ' ')}\n\n${post.bodyMarkdown.trim()}\n`;
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The post as one standalone, readable HTML page with no scripts and no outside resources. */
export function exportHtml(post: Exportable, opts: { author: string }): string {
  const when = post.publishedAt ?? post.updatedAt;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(post.title)}</title>
<meta name="description" content="${escapeHtml(excerpt(post.bodyMarkdown))}">
<meta name="author" content="${escapeHtml(opts.author)}">
<style>
body{font:18px/1.65 ui-serif,Georgia,'Times New Roman',serif;color:#1f2328;background:#fff;max-width:40rem;margin:0 auto;padding:2rem 1.25rem}
h1{font:600 2rem/1.2 ui-sans-serif,system-ui,sans-serif;margin:0 0 .5rem}h2{font:600 1.3rem/1.3 ui-sans-serif,system-ui,sans-serif;margin:2rem 0 .5rem}
.meta{color:#59636e;font:.9rem ui-sans-serif,system-ui,sans-serif;margin-bottom:2rem}a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#111;color:#e6e6e6}.meta{color:#9aa0a6}a{color:#8ab4f8}}
</style>
</head>
<body>
<article>
<h1>${escapeHtml(post.title)}</h1>
<p class="meta">${escapeHtml(opts.author)} · <time datetime="${dateOf(when)}">${writtenDate(dateOf(when))}</time></p>
${renderMarkdown(post.bodyMarkdown)}</article>
</body>
</html>
`;
}
