import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { captureDay, draftKey, emptyDraft, suggestedTime } from '@/lib/events/draft';
import { suggestSectors } from '@/lib/events/lookup';
import { EventForm } from '../_components/event-form';

export const metadata: Metadata = { title: 'Log an event' };

export default async function NewEventPage() {
  const user = await requireUser();
  const sectors = await suggestSectors(user.id, '', 100);
  // The evening just gone in the user's own time zone, not the server's.
  const date = captureDay(user.timeZone);
  const initial = { ...emptyDraft(), date, time: suggestedTime(date, user.timeZone) };
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Log an event" description="Write it down while it is fresh. Everything is kept on this device until you save." />
      <EventForm draftKey={draftKey(user.id, 'new')} userId={user.id} initial={initial} sectors={sectors} timeZone={user.timeZone} locale={user.locale} />
    </div>
  );
}
