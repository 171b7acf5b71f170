'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { weeklyReviewFeedAction, type WeeklyReviewState } from './actions';

/** Turns the feed's recurring "Weekly review" entry (Mondays at 9:00, linking to /review) on or off. */
export function WeeklyReviewToggle({ on: initial }: { on: boolean }) {
  const [state, action] = useActionState<WeeklyReviewState, FormData>(weeklyReviewFeedAction, {});
  const on = state.data?.on ?? initial;
  return (
    <form action={action} className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
        {on
          ? 'Your feed also has a “Weekly review” every Monday at 9:00 in your time zone, linking to last week’s review.'
          : 'The weekly review is not in your feed.'}
      </p>
      <SubmitButton name="weeklyReview" value={on ? 'off' : 'on'} variant="secondary">
        {on ? 'Leave the weekly review out' : 'Add the weekly review'}
      </SubmitButton>
      {state.message ? (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
