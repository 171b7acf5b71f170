import { Users } from 'lucide-react';
import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'People' };

export default async function PeoplePage() {
  await requireUser();
  return (
    <>
      <PageHeader title="People" description="Everyone you have met, by sector, organisation and topic." />
      <EmptyState
        icon={<Users className="size-10" />}
        title="No one here yet"
        action={<ButtonLink href="/events/new">Log an event</ButtonLink>}
      >
        People appear here when you log an event. A name is optional: &ldquo;Head of IT, Leeds City Council&rdquo; is
        enough to find them again.
      </EmptyState>
    </>
  );
}
