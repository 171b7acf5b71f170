import { ArrowLeft, CalendarPlus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { Card, PageHeader } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { getFollowUp } from '@/lib/follow-ups/queries';
import { EditFollowUp } from '../_components/edit-follow-up';
import { FollowUpList } from '@/app/_components/follow-ups/follow-up-list';
import { dayIn, formatDay, todayIn } from '@/lib/dates';
import { relativeDue } from '@/lib/follow-ups/due';

export const metadata: Metadata = { title: 'Edit follow-up' };

export default async function FollowUpPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getFollowUp(user.id, id.data).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const today = todayIn(user.timeZone);
  // The full date, and "(Tomorrow)" or "(5 days overdue)" where that adds something; never the date twice.
  const relative = item.due ? relativeDue(item.due, today) : null;
  const dueText = item.due ? `${formatDay(item.due, user.locale)}${relative ? ` (${relative})` : ''}` : 'no date';

  return (
    <>
      <Link href="/follow-ups" className="mb-3 inline-flex min-h-11 items-center gap-1.5 text-sm text-zinc-600 hover:underline dark:text-zinc-400">
        <ArrowLeft aria-hidden className="size-4" />
        Follow-ups
      </Link>
      <PageHeader
        title="Edit follow-up"
        description={
          item.status === 'done' ? `Done${item.doneAt ? ` on ${formatDay(dayIn(user.timeZone, new Date(item.doneAt)), user.locale)}` : ''}` : `Due: ${dueText}`
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem] lg:items-start">
        <Card>
          <EditFollowUp item={item} locale={user.locale} />
        </Card>
        <div className="space-y-4">
          <FollowUpList items={[item]} today={today} locale={user.locale} timeZone={user.timeZone} />
          {item.due && item.status === 'open' ? (
            <a href={`/api/v1/follow-ups/${item.id}/calendar.ics`} download className={buttonClass('secondary', 'w-full')}>
              <CalendarPlus aria-hidden className="size-4" />
              Add to calendar (.ics)
            </a>
          ) : null}
        </div>
      </div>
    </>
  );
}
