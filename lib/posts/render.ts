import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for http(s), mailto and relative links; everything else (javascript:, data:, vbscript:…) is refused. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge without them.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (compact.startsWith('//')) return false; // protocol-relative: another site
  return SAFE_LINK.test(compact) || !HAS_SCHEME.test(compact);
}

function makeRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
  md.validateLink = isSafeLink;
  const defaultOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener');
    return defaultOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = makeRenderer();

// Rendering a long post costs up to a few hundred milliseconds of CPU, and public pages and the feed render the
// same bodies again and again: keep recent results, keyed by content, within a character budget. A cache only —
// every server can rebuild it — so it holds nothing that matters across requests.
const CACHE_BUDGET_CHARS = 20_000_000;
const cache = new Map<string, string>();
let cachedChars = 0;

function cached(markdown: string): string {
  const key = markdown; // the Map hashes the string itself; no crypto, so this module also runs in the browser
  const hitValue = cache.get(key);
  if (hitValue !== undefined) {
    cache.delete(key); // move to the newest end
    cache.set(key, hitValue);
    return hitValue;
  }
  const html = renderer.render(markdown);
  cache.set(key, html);
  cachedChars += key.length + html.length;
  for (const [oldKey, oldHtml] of cache) {
    if (cachedChars <= CACHE_BUDGET_CHARS) break;
    cache.delete(oldKey);
    cachedChars -= oldKey.length + oldHtml.length;
  }
  return html;
}

/**
 * Markdown to HTML for the preview, the public page, the feed and the HTML export: no raw HTML, links only
 * to http(s), mailto or this site, each marked rel="nofollow noopener".
 */
export function renderMarkdown(markdown: string): string {
  return cached(markdown);
}

function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of a post without Markdown, for descriptions and previews. */
export function plainText(markdown: string): string {
  return htmlToText(cached(markdown));
}

/** The first words of a post's prose (headings left out), cut at a word boundary. */
export function excerpt(markdown: string, max = 200): string {
  // From the same cached rendering as the page, with headings removed, so an excerpt costs no second render.
  const text = htmlToText(cached(markdown).replace(/<h([1-6])\b[^>]*>[\s\S]*?<\/h\1>/g, ' '));
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
