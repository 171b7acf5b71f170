import { escapeHtml } from './export';
import type { PublicAuthor, PublicPost } from './public';
import { excerpt, renderMarkdown } from './render';

/** Text for XML: escaped once, and stripped of the control characters XML 1.0 forbids. */
function xml(text: string): string {
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

/**
 * An Atom 1.0 feed (RFC 4287) of an author's published posts. Each entry's HTML is the same rendering as the
 * public page (no raw HTML, safe links), carried as type="html" and so escaped exactly once. An entry's id is the
 * post's own (`uid`), not its address: a post given a new address, or an author a new handle, is the same entry.
 */
export function atomFeed(author: PublicAuthor, entries: PublicPost[], origin: string): string {
  const home = `${origin}/u/${author.handle}`;
  const self = `${home}/feed.xml`;
  const updated = entries.reduce((max, p) => Math.max(max, p.updatedAt.getTime(), p.publishedAt.getTime()), 0);
  const feedUpdated = new Date(updated || Date.UTC(2026, 0, 1)).toISOString();
  const items = entries
    .map((p) => {
      const url = `${home}/${encodeURIComponent(p.slug)}`;
      return `  <entry>
    <title type="text">${xml(p.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <id>urn:uuid:${xml(p.uid)}</id>
    <published>${p.publishedAt.toISOString()}</published>
    <updated>${new Date(Math.max(p.updatedAt.getTime(), p.publishedAt.getTime())).toISOString()}</updated>
    <summary type="text">${xml(excerpt(p.bodyMarkdown, 280))}</summary>
    <content type="html">${xml(renderMarkdown(p.bodyMarkdown))}</content>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title type="text">${xml(author.name)}</title>
  <subtitle type="text">${xml(`Reflections on events by ${author.name}`)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(home)}"/>
  <id>${xml(home)}</id>
  <updated>${feedUpdated}</updated>
  <author><name>${xml(author.name)}</name><uri>${xml(home)}</uri></author>
  <generator>Rapport</generator>
${items}
</feed>
`;
}
