import { CalendarPlus } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { ButtonLink } from '@/app/_components/ui/button';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Hello, ${user.name.split(' ')[0]}`} description="What is due, and who you have met lately." />
      <EmptyState
        icon={<CalendarPlus className="size-10" />}
        title="Log your first event"
        action={<ButtonLink href="/events/new">Log an event</ButtonLink>}
      >
        Been to a networking evening? Write down who you met, what you talked about and what you promised, while
        it is fresh. Your follow-ups and contacts will show up here.
      </EmptyState>
    </>
  );
}
