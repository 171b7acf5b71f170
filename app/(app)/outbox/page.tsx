import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { OutboxList } from './outbox-list';

export const metadata: Metadata = { title: 'Waiting to send' };

/** Events saved and follow-ups ticked on this phone with no connection. The list lives on the device, so the page is a shell for it. */
export default async function OutboxPage() {
  const user = await requireUser();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Waiting to send"
        description="Events saved and follow-ups ticked on this phone while there was no connection. They are sent, once each, as soon as you are back online."
      />
      <OutboxList userId={user.id} />
    </div>
  );
}
