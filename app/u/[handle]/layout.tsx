import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadAuthor, loadForwardedHandle } from './load';

/** The public reading layout: the author's name, their feed, and the post; no app chrome, no private data. */
export default async function PublicLayout({ children, params }: { children: React.ReactNode; params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const author = await loadAuthor(handle);
  if (!author) {
    // A handle given up: the page under this layout redirects to the same page under the new handle.
    if (await loadForwardedHandle(handle)) return children;
    notFound();
  }
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
            {/* lucide's Rss, drawn as plain SVG: a lucide icon brings its client component (~1 KiB gzip) into the page's JavaScript. */}
            <svg
              aria-hidden
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
              strokeLinecap="round"
              strokeLinejoin="round"
              className="size-4"
            >
              <path d="M4 11a9 9 0 0 1 9 9" />
              <path d="M4 4a16 16 0 0 1 16 16" />
              <circle cx="5" cy="19" r="1" />
            </svg>
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
