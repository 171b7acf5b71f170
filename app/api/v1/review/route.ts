import { apiRoute, respond } from '@/lib/api/handler';
import { searchParamsObject } from '@/lib/api/request';
import { reviewResponse } from '@/lib/review/openapi';
import { reviewForWeek } from '@/lib/review/queries';
import { reviewQuerySchema } from '@/lib/review/week';
import { todayIn } from '@/lib/dates';

/** The weekly review of `week` (or the latest week to reach its Sunday) as JSON. */
export const GET = apiRoute(async (request, user) => {
  const { week } = reviewQuerySchema.parse(searchParamsObject(request.url));
  const review = await reviewForWeek(user, week, todayIn(user.timeZone));
  return respond(reviewResponse, review);
});
