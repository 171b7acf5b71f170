import { NotebookPen } from 'lucide-react';
import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'Posts' };

export default async function PostsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Posts" description="Reflective write-ups of your events: drafts and published." />
      <EmptyState
        icon={<NotebookPen className="size-10" />}
        title="No posts yet"
        action={<ButtonLink href="/events">Choose an event</ButtonLink>}
      >
        Open an event you have logged and turn it into a first-person draft you can edit, export or publish.
      </EmptyState>
    </>
  );
}
