import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { exportHtml, exportMarkdown } from '@/lib/posts/export';
import { atomFeed } from '@/lib/posts/feed';
import { excerpt, isSafeLink, renderMarkdown } from '@/lib/posts/render';

describe('Markdown rendering', () => {
  it.each([
    ['[a](javascript:alert(1))', 'javascript:'],
    ['[a](JaVa\tScRiPt:alert(1))', 'ScRiPt:'],
    ['[a](data:text/html;base64,PHNjcmlwdD4=)', 'data:'],
    ['[a](vbscript:msgbox)', 'vbscript:'],
    ['![i](data:image/svg+xml,<svg onload=alert(1)>)', '<svg'],
    ['<script>window.__xss=1</script>', '<script'],
    ['<img src=x onerror="window.__xss=1">', '<img'],
    ['[x](//evil.example)', 'href="//evil'],
  ])('%j renders as text, not as a link or element (%j)', (source, forbidden) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(new RegExp(`<[^>]*${forbidden.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('keeps http(s), mailto and relative links, marked nofollow noopener', () => {
    const html = renderMarkdown('[a](https://example.com) [b](mailto:a@example.com) [c](/u/ada)');
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener">a</a>');
    expect(html).toContain('<a href="mailto:a@example.com" rel="nofollow noopener">b</a>');
    expect(html).toContain('<a href="/u/ada" rel="nofollow noopener">c</a>');
  });

  it.each([
    ['https://x.test', true],
    ['/relative', true],
    ['#anchor', true],
    ['mailto:a@b.c', true],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\u0000script:alert(1)', false],
    ['//evil.test', false],
    ['ftp://x.test', false],
  ])('isSafeLink(%j) is %s', (url, ok) => {
    expect(isSafeLink(url)).toBe(ok);
  });

  it('excerpts leave headings out and cut at a word', () => {
    expect(excerpt('Intro text.\n\n## Heading\n\nMore words here', 200)).toBe('Intro text. More words here');
    expect(excerpt('one two three four', 10)).toBe('one two…');
  });
});

describe('Atom feed', () => {
  const author = { id: 'u1', name: 'Ada <Lovelace> & Co', handle: 'ada', timeZone: 'Europe/London', locale: 'en-GB' };
  const body = 'Met **Jo** & <script>window.__xss=1</script>\n\n[link](https://example.com?a=1&b=2)';
  const entries = [
    {
      uid: '6f1d0c9e-3b1a-4c55-9a8e-2f4b7d1e0a11',
      title: 'Tom & Jerry <b>',
      slug: 'tom-and-jerry',
      bodyMarkdown: body,
      publishedAt: new Date('2026-04-22T08:00:00Z'),
      updatedAt: new Date('2026-04-22T09:00:00Z'),
    },
    {
      uid: '0b7e5a2c-9d43-4f1e-8c6a-5e2d9f3b7a40',
      title: 'Second',
      slug: 'second',
      bodyMarkdown: 'Hello',
      publishedAt: new Date('2026-04-20T08:00:00Z'),
      updatedAt: new Date('2026-04-20T08:00:00Z'),
    },
  ];
  const xml = atomFeed(author, entries, 'https://rapport.example');

  it('is well-formed XML that parses, with the RFC 4287 required elements', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, textNodeName: '#text' }).parse(xml);
    const feed = doc.feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://rapport.example/u/ada');
    expect(feed.updated).toBe('2026-04-22T09:00:00.000Z');
    expect(feed.author.name).toBe('Ada <Lovelace> & Co');
    expect(feed.entry).toHaveLength(2);
    expect(feed.entry[0].id).toBe('urn:uuid:6f1d0c9e-3b1a-4c55-9a8e-2f4b7d1e0a11');
    expect(feed.entry[0].link['@_href']).toBe('https://rapport.example/u/ada/tom-and-jerry');
    expect(feed.entry[0].published).toBe('2026-04-22T08:00:00.000Z');
  });

  it('escapes exactly once: decoding the content gives the rendered HTML, with no live script', () => {
    const doc = new XMLParser({ ignoreAttributes: false, textNodeName: '#text', processEntities: true, htmlEntities: false }).parse(xml);
    const entry = doc.feed.entry[0];
    expect(entry.title['#text']).toBe('Tom & Jerry <b>');
    expect(entry.content['@_type']).toBe('html');
    expect(entry.content['#text']).toBe(renderMarkdown(body).trim()); // the parser trims the final newline
    expect(entry.content['#text']).toContain('&lt;script&gt;');
    expect(entry.content['#text']).not.toContain('<script');
    expect(entry.content['#text']).toContain('href="https://example.com?a=1&amp;b=2"');
    expect(xml).not.toContain('&amp;amp;amp;');
  });
});

describe('exports', () => {
  const post = {
    title: 'A <title> & more',
    bodyMarkdown: 'Hello **world** <script>x</script>',
    publishedAt: null,
    updatedAt: new Date('2026-04-22T10:00:00Z'),
  };
  it('Markdown: title as a heading, then the body', () => {
    expect(exportMarkdown(post)).toBe('# A <title> & more\n\nHello **world** <script>x</script>\n');
  });
  it('HTML: a standalone page, everything escaped, no script', () => {
    const html = exportHtml(post, { author: 'Ada' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>A &lt;title&gt; &amp; more</title>');
    expect(html).toContain('<strong>world</strong>');
    expect(html).not.toContain('<script');
  });
});
