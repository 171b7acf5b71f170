import { ListChecks } from 'lucide-react';
import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'Follow-ups' };

export default async function FollowUpsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Follow-ups" description="What you promised, and when." />
      <EmptyState
        icon={<ListChecks className="size-10" />}
        title="Nothing to follow up"
        action={<ButtonLink href="/events/new">Log an event</ButtonLink>}
      >
        When you log an event, add what you promised (&ldquo;send the blog post&rdquo;, &ldquo;compare notes on device
        policy&rdquo;) and when. They will wait for you here.
      </EmptyState>
    </>
  );
}
