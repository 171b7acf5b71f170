import { ArrowLeft, Download, Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { buttonClass } from '@/app/_components/ui/button-class';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { peopleToCheck } from '@/lib/posts/named';
import { CALLS_ON, NOT_CALLED_ON } from '@/lib/people/name-scrub';
import { draftSources, getPost } from '@/lib/posts/queries';
import { offTheRecordCuts } from '@/lib/posts/off-the-record';
import { postSource } from '@/lib/posts/source';
import { renderMarkdown } from '@/lib/posts/render';
import type { ComposeInput } from '@/lib/posts/types';
import { displayName } from '@/lib/people/display-name';
import { deletePostAction } from '../actions';
import { PostEditor } from '../_components/post-editor';

export const metadata: Metadata = { title: 'Edit post' };

/** The event's facts on the record that someone there told the user, with who: the publish question names those the post repeats. */
function told(source: ComposeInput | null): { text: string; name: string }[] {
  if (!source) return [];
  return source.facts.flatMap((f) => {
    const p = f.personId ? source.people.find((x) => x.id === f.personId) : undefined;
    return p ? [{ text: f.text, name: displayName({ name: p.name, role: p.role, organisationName: p.organisation }) }] : [];
  });
}

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const post = await getPost(user.id, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  // The event the post was written from, read once for both its sources and the check of whom it names.
  const source = await postSource(user.id, post, user.timeZone);
  const [{ met, others, described }, sources, { cuts, inTitle, titleWordless }] = await Promise.all([
    peopleToCheck(user.id, post, source),
    draftSources(user.id, post, user.timeZone, source),
    offTheRecordCuts(user.id, post),
  ]);

  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <Link href="/posts" className={buttonClass('ghost', '-ml-3')}>
          <ArrowLeft aria-hidden className="size-4" />
          All posts
        </Link>
        <span
          className={`rounded-full px-2.5 py-1 text-xs font-medium ${
            post.status === 'published'
              ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'
              : 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300'
          }`}
        >
          {post.status === 'published' ? 'Published' : 'Draft'}
        </span>
      </div>
      <h1 className="sr-only">Edit post</h1>
      <PostEditor
        post={{
          id: post.id,
          title: post.title,
          markdown: post.bodyMarkdown,
          style: post.style,
          status: post.status,
          unpublishedChanges: post.unpublishedChanges,
          version: post.version,
          updatedAt: post.updatedAt.toISOString(),
          hasEvent: post.eventId !== null,
          handle: user.handle,
          slug: post.slug,
          initialHtml: renderMarkdown(post.bodyMarkdown),
          met,
          others,
          calledOn: { before: CALLS_ON.source, notAfter: NOT_CALLED_ON.source, flags: CALLS_ON.flags },
          described,
          sources,
          offTheRecord: cuts,
          offTheRecordInTitle: inTitle,
          titleWordless,
          reflection: source?.event.reflection ?? null,
          told: told(source),
        }}
      >
        <div className="flex flex-col gap-2 sm:items-end">
          <a href={`/posts/${post.id}/export?format=md`} download className={buttonClass('ghost', 'justify-start')}>
            <Download aria-hidden className="size-4" />
            Download Markdown
          </a>
          <a href={`/posts/${post.id}/export?format=html`} download className={buttonClass('ghost', 'justify-start')}>
            <Download aria-hidden className="size-4" />
            Download HTML
          </a>
          <form action={deletePostAction}>
            <input type="hidden" name="postId" value={post.id} />
            <button type="submit" className={buttonClass('ghost', 'justify-start text-red-700 dark:text-red-400')}>
              <Trash2 aria-hidden className="size-4" />
              Delete post
            </button>
          </form>
        </div>
      </PostEditor>
    </>
  );
}
