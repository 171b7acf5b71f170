import { eventEndpoints } from '@/lib/events/openapi';
import { factEndpoints } from '@/lib/facts/openapi';
import { followUpEndpoints } from '@/lib/follow-ups/openapi';
import { interactionEndpoints } from '@/lib/interactions/openapi';
import { importExportEndpoints } from '@/lib/import/openapi';
import { peopleEndpoints } from '@/lib/people/openapi';
import { postEndpoints } from '@/lib/posts/openapi';
import { reviewEndpoints } from '@/lib/review/openapi';
import { topicEndpoints } from '@/lib/topics/openapi';
import { z } from 'zod';
import type { EndpointDoc } from './openapi';

/**
 * Every documented endpoint. Each feature keeps its list in `lib/<feature>/openapi.ts`; add the import here.
 */
const coreEndpoints: EndpointDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: 200 when the database answers, 503 when it does not (no authentication).',
    tags: ['Operations'],
    responses: {
      200: { description: 'Healthy', schema: z.object({ status: z.literal('ok') }) },
      503: { description: 'The database does not answer', schema: z.object({ status: z.literal('unavailable') }) },
    },
  },
];

export const endpoints: EndpointDoc[] = [
  ...coreEndpoints,
  ...eventEndpoints,
  ...factEndpoints,
  ...followUpEndpoints,
  ...importExportEndpoints,
  ...interactionEndpoints,
  ...peopleEndpoints,
  ...postEndpoints,
  ...reviewEndpoints,
  ...topicEndpoints,
];
