import { apiRoute } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { requestOrigin } from '@/lib/calendar/ics';
import { reviewForWeek, reviewMarkdown } from '@/lib/review/queries';
import { reviewQuerySchema } from '@/lib/review/week';
import { todayIn } from '@/lib/dates';

/** The weekly review of `week` (or the latest week to reach its Sunday) as a Markdown download. */
export const GET = apiRoute(async (request, user) => {
  const { week } = reviewQuerySchema.parse(searchParamsObject(request.url));
  const review = await reviewForWeek(user, week, todayIn(user.timeZone));
  return new Response(reviewMarkdown(review, requestOrigin(request)), {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="rapport-review-${review.week}.md"`,
      'Cache-Control': 'no-store',
    },
  });
});
