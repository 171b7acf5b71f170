import { Download } from 'lucide-react';
import { Card } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import type { CurrentUser } from '@/lib/auth/users';
import { hasCalendarSecret, hasWeeklyReviewInFeed } from '@/lib/calendar/feed';
import { CalendarFeed } from '../calendar/calendar-feed';
import { WeeklyReviewToggle } from '../calendar/weekly-review-toggle';

/** Calendar: a private subscription address for open follow-ups, and a one-off download. */
export async function CalendarSection({ user }: { user: CurrentUser }) {
  const [hasSecret, weeklyReview] = await Promise.all([hasCalendarSecret(user.id), hasWeeklyReviewInFeed(user.id)]);
  return (
    <Card>
      <h2 id="calendar" className="mb-1 scroll-mt-20 text-base font-semibold">
        Calendar
      </h2>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        Every open follow-up with a due date appears in your calendar as an all-day event with a reminder at 9:00, linking back here. Subscribed calendars
        update by themselves, usually within a few hours.
      </p>
      <CalendarFeed hasSecret={hasSecret} />
      <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <WeeklyReviewToggle on={weeklyReview} />
      </div>
      <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <a href="/api/v1/calendar.ics" download="rapport-follow-ups.ics" className={buttonClass('ghost', '-ml-4')}>
          <Download aria-hidden className="size-4" />
          Download once (.ics)
        </a>
      </div>
    </Card>
  );
}
