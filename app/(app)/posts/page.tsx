import { NotebookPen, Undo2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from '@/app/_components/ui/button';
import { buttonClass } from '@/app/_components/ui/button-class';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { UserFacingError } from '@/lib/errors';
import { listPosts } from '@/lib/posts/queries';
import { excerpt } from '@/lib/posts/render';
import { restorePostAction } from './actions';
import { isUuid } from '@/lib/ids';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Posts' };

type Search = Promise<{ deleted?: string; drafts?: string; published?: string }>;
type Listed = Awaited<ReturnType<typeof listPosts>>;

const STYLE_LABEL = { narrative: 'Narrative', summary: 'Summary', social: 'Social' } as const;

async function safeList(userId: string, status: 'draft' | 'published', cursor?: string): Promise<Listed> {
  try {
    return await listPosts(userId, { status, limit: 30, cursor });
  } catch (err) {
    if (err instanceof UserFacingError) return listPosts(userId, { status, limit: 30 });
    throw err;
  }
}

function PostList({ title, listed, format, moreHref }: { title: string; listed: Listed; format: (d: Date) => string; moreHref: string | null }) {
  if (listed.posts.length === 0) return null;
  return (
    <section aria-labelledby={`${title}-heading`} className="mb-8">
      <h2 id={`${title}-heading`} className="mb-2 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h2>
      <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {listed.posts.map((post) => (
          <li key={post.id}>
            <Link href={`/posts/${post.id}`} className="block px-4 py-3 hover:bg-zinc-50 focus-visible:bg-zinc-50 dark:hover:bg-zinc-800/60">
              <span className="block font-medium wrap-anywhere">{post.title}</span>
              <span className="mt-0.5 line-clamp-2 block text-sm text-zinc-600 dark:text-zinc-400">{excerpt(post.bodyMarkdown, 160)}</span>
              <span className="mt-1 block text-xs text-zinc-500">
                {STYLE_LABEL[post.style]} ·{' '}
                {post.status === 'published' && post.publishedAt ? `Published ${format(post.publishedAt)}` : `Edited ${format(post.updatedAt)}`}
                {post.unpublishedChanges ? (
                  <span className="font-medium text-amber-800 dark:text-amber-300"> · Edited since: not yet on the public page</span>
                ) : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {moreHref ? (
        <Link href={moreHref} className={buttonClass('ghost', 'mt-2')}>
          Show older
        </Link>
      ) : null}
    </section>
  );
}

export default async function PostsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const search = await searchParams;
  const [drafts, published] = await Promise.all([safeList(user.id, 'draft', search.drafts), safeList(user.id, 'published', search.published)]);
  const format = (d: Date) => formatDate(d, user.locale, user.timeZone);
  const deleted = isUuid(search.deleted) ? search.deleted : null;

  return (
    <>
      <PageHeader
        title="Posts"
        description="Reflective write-ups of your events: drafts and published."
        // The public page exists once something is published (until then it is a 404, so handles reveal nothing).
        actions={
          published.posts.length > 0 || search.published ? (
            <ButtonLink href={`/u/${user.handle}`} variant="secondary">
              Your public page
            </ButtonLink>
          ) : null
        }
      />
      {deleted ? (
        <form
          action={restorePostAction}
          className="mb-5 flex flex-wrap items-center justify-between gap-2 rounded-xl border border-zinc-200 bg-white px-4 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900"
          role="status"
        >
          <span>Post deleted.</span>
          <input type="hidden" name="postId" value={deleted} />
          <button type="submit" className={buttonClass('ghost')}>
            <Undo2 aria-hidden className="size-4" />
            Undo
          </button>
        </form>
      ) : null}
      {drafts.posts.length === 0 && published.posts.length === 0 ? (
        <EmptyState icon={<NotebookPen className="size-10" />} title="No posts yet" action={<ButtonLink href="/events">Choose an event</ButtonLink>}>
          Open an event you have logged and choose “Write a post”: Rapport drafts it in the first person, you edit, then export or publish it.
        </EmptyState>
      ) : (
        <>
          <PostList title="Drafts" listed={drafts} format={format} moreHref={drafts.nextCursor ? `/posts?drafts=${drafts.nextCursor}` : null} />
          <PostList title="Published" listed={published} format={format} moreHref={published.nextCursor ? `/posts?published=${published.nextCursor}` : null} />
        </>
      )}
    </>
  );
}
