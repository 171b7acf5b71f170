import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { draftKey, eventToDraft } from '@/lib/events/draft';
import { suggestSectors } from '@/lib/events/lookup';
import { eventToJson, readEventDetail } from '@/lib/events/queries';
import { NotFoundError } from '@/lib/errors';
import { EventForm } from '../../_components/event-form';

export const metadata: Metadata = { title: 'Edit event' };

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const event = await readEventDetail(user.id, id.data).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const sectors = await suggestSectors(user.id, '', 100);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Edit event" description={event.title} />
      <EventForm
        draftKey={draftKey(user.id, event.id)}
        userId={user.id}
        initial={eventToDraft(eventToJson(event), user.timeZone)}
        eventId={event.id}
        sectors={sectors}
        timeZone={user.timeZone}
        locale={user.locale}
      />
    </div>
  );
}
