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

/**
 * Markdown to HTML for the preview, the public page, the feed and the HTML export: no raw HTML, links only
 * to http(s), mailto or this site, each marked rel="nofollow noopener".
 */
export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}

/** The text of a post without Markdown, for descriptions and previews. */
export function plainText(markdown: string): string {
  const html = renderer.render(markdown);
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

/** The first words of a post's prose (headings left out), cut at a word boundary. */
export function excerpt(markdown: string, max = 200): string {
  const text = plainText(markdown.replace(/^ {0,3}#{1,6}\s.*$/gm, ''));
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
