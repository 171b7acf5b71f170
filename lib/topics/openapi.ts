import { z } from 'zod';
import type { EndpointDoc } from '@/lib/api/openapi';
import { mergeTopicSchema, renameTopicSchema } from './merge';
import { topicListQuerySchema } from './pages';

/** A topic with how many events it came up at, people who care about it, and facts heard there. */
export const topicSummaryResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  events: z.number().int(),
  people: z.number().int(),
  facts: z.number().int(),
  lastAt: z.string().nullable(),
});
export const topicListResponse = z.object({ items: z.array(topicSummaryResponse) });
export const topicMergeResponse = z.object({ id: z.uuid(), name: z.string(), mergeId: z.uuid() });

/** The refusal of a rename to a name another topic has: problem+json, the field path `name` saying to merge. */
const nameTakenProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(409),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

const tags = ['Topics'];

export const topicEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/v1/topics',
    summary: 'Topics with their event, people and fact counts; most recent or most used first; `q` matches names',
    tags,
    query: topicListQuerySchema,
    responses: { 200: { description: 'Topics', schema: topicListResponse } },
  },
  {
    method: 'get',
    path: '/api/v1/topics/{id}',
    summary: 'One topic with its counts',
    tags,
    responses: { 200: { description: 'The topic', schema: topicSummaryResponse } },
  },
  {
    method: 'patch',
    path: '/api/v1/topics/{id}',
    summary: 'Rename; a name another topic has answers 409 naming it (merge into it instead)',
    tags,
    body: renameTopicSchema,
    responses: { 200: { description: 'Renamed', schema: topicSummaryResponse }, 409: { description: 'Another topic has that name', schema: nameTakenProblem } },
  },
  {
    method: 'post',
    path: '/api/v1/topics/{id}/merge',
    summary: 'Merge this topic into `into`: every link moves; undo from Recently deleted',
    tags,
    body: mergeTopicSchema,
    responses: { 200: { description: 'The topic merged into, and the merge to undo', schema: topicMergeResponse } },
  },
];
