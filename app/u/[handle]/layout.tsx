import { Rss } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadAuthor } from './load';

/** The public reading layout: the author's name, their feed, and the post; no app chrome, no private data. */
export default async function PublicLayout({ children, params }: { children: React.ReactNode; params: Promise<{ handle: string }> }) {
  const author = await loadAuthor((await params).handle);
  if (!author) notFound();
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-5 py-3">
          <Link href={`/u/${author.handle}`} className="flex min-h-11 items-center font-semibold tracking-tight">
            {author.name}
          </Link>
          <a
            href={`/u/${author.handle}/feed.xml`}
            className="flex min-h-11 items-center gap-1.5 rounded-lg px-3 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900"
          >
            <Rss aria-hidden className="size-4" />
            Feed
          </a>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-2xl px-5 py-8 sm:py-12">
        {children}
      </main>
      <footer className="mx-auto max-w-2xl px-5 pb-10 text-sm text-zinc-500">Written with Rapport.</footer>
    </div>
  );
}
