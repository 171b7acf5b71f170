import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listPublishedPosts } from '@/lib/posts/public';
import { excerpt } from '@/lib/posts/render';
import { authorOrForward } from './load';
import { formatDate } from '@/lib/dates';

type Params = Promise<{ handle: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const author = await authorOrForward((await params).handle);
  return {
    title: { absolute: `${author.name}: posts` },
    description: `Reflections on events by ${author.name}.`,
    alternates: { types: { 'application/atom+xml': [{ url: `/u/${author.handle}/feed.xml`, title: `${author.name}: posts` }] } },
  };
}

/** The author's published posts, newest first, marked up as an h-feed. */
export default async function AuthorPage({ params }: { params: Params }) {
  await connection();
  const author = await authorOrForward((await params).handle);
  const entries = await listPublishedPosts(author.id, 100);
  return (
    <div className="h-feed">
      <h1 className="p-name text-3xl font-semibold tracking-tight">{author.name}</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">Reflections on the events I go to.</p>
      {entries.length === 0 ? (
        <p className="mt-10 text-zinc-600 dark:text-zinc-400">Nothing published yet.</p>
      ) : (
        <ol className="mt-8 space-y-8">
          {entries.map((post) => (
            <li key={post.slug} className="h-entry">
              <h2 className="text-xl font-semibold tracking-tight">
                <Link href={`/u/${author.handle}/${post.slug}`} className="u-url p-name hover:underline">
                  {post.title}
                </Link>
              </h2>
              <time className="dt-published text-sm text-zinc-500" dateTime={post.publishedAt.toISOString()}>
                {formatDate(post.publishedAt, author.locale, author.timeZone, 'long')}
              </time>
              <p className="p-summary mt-2 text-zinc-700 dark:text-zinc-300">{excerpt(post.bodyMarkdown, 220)}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
