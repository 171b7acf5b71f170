import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';
import { proseClass } from '@/app/_components/posts/prose';
import { getPublishedPost, movedPostSlug, siteOrigin } from '@/lib/posts/public';
import { excerpt, renderMarkdown } from '@/lib/posts/render';
import { authorOrForward, decodeParam } from '../load';
import { formatDate } from '@/lib/dates';

type Params = Promise<{ handle: string; slug: string }>;

const load = cache(async (handle: string, slug: string) => {
  const author = await authorOrForward(handle, `/${slug}`);
  const post = await getPublishedPost(author.id, decodeParam(slug));
  return post ? { author, post } : null;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { handle, slug } = await params;
  const found = await load(handle, slug);
  if (!found) return { title: 'Not found' };
  const { author, post } = found;
  const origin = siteOrigin(await headers());
  const url = `${origin}/u/${author.handle}/${post.slug}`;
  const description = excerpt(post.bodyMarkdown, 200);
  return {
    title: { absolute: `${post.title} · ${author.name}` },
    description,
    authors: [{ name: author.name, url: `${origin}/u/${author.handle}` }],
    alternates: {
      canonical: url,
      types: { 'application/atom+xml': [{ url: `${origin}/u/${author.handle}/feed.xml`, title: `${author.name}: posts` }] },
    },
    openGraph: {
      type: 'article',
      title: post.title,
      description,
      url,
      siteName: 'Rapport',
      locale: author.locale.replace('-', '_'),
      publishedTime: post.publishedAt.toISOString(),
      modifiedTime: post.updatedAt.toISOString(),
      authors: [`${origin}/u/${author.handle}`],
    },
    twitter: { card: 'summary', title: post.title, description },
  };
}

/** A published post, readable signed out, marked up as an h-entry. */
export default async function PublicPostPage({ params }: { params: Params }) {
  const { handle, slug } = await params;
  const found = await load(handle, slug);
  if (!found) {
    // An address the author has since changed forwards, as a handle given up does.
    const author = await authorOrForward(handle, `/${slug}`);
    const now = await movedPostSlug(author.id, decodeParam(slug));
    if (now) permanentRedirect(`/u/${author.handle}/${encodeURIComponent(now)}`);
    notFound();
  }
  const { author, post } = found;
  const date = formatDate(post.publishedAt, author.locale, author.timeZone);
  return (
    <article className="h-entry">
      <header className="mb-8">
        <h1 className="p-name text-3xl leading-tight font-semibold tracking-tight wrap-anywhere sm:text-4xl">{post.title}</h1>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          <a className="p-author h-card hover:underline" href={`/u/${author.handle}`}>
            {author.name}
          </a>
          {' · '}
          <a className="u-url" href={`/u/${author.handle}/${post.slug}`}>
            <time className="dt-published" dateTime={post.publishedAt.toISOString()}>
              {date}
            </time>
          </a>
        </p>
      </header>
      <div
        className={`e-content ${proseClass} font-serif text-[1.125rem] [&_h2]:font-sans [&_h3]:font-sans`}
        dangerouslySetInnerHTML={{ __html: renderMarkdown(post.bodyMarkdown) }}
      />
    </article>
  );
}
