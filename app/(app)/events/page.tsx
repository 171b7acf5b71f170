import { CalendarDays } from 'lucide-react';
import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Events" description="Every evening you have logged, newest first." />
      <EmptyState
        icon={<CalendarDays className="size-10" />}
        title="No events yet"
        action={<ButtonLink href="/events/new">Log an event</ButtonLink>}
      >
        Log the last event you went to: the people you met, the topics, the facts you heard and what you promised.
      </EmptyState>
    </>
  );
}
