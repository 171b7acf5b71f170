import { eventEndpoints } from '@/lib/events/openapi';
import { followUpEndpoints } from '@/lib/follow-ups/openapi';
import { peopleEndpoints } from '@/lib/people/openapi';
import { postEndpoints } from '@/lib/posts/openapi';
import type { EndpointDoc } from './openapi';

/**
 * Every documented endpoint. Each feature keeps its list in `lib/<feature>/openapi.ts`; add the import here.
 */
export const endpoints: EndpointDoc[] = [
  ...eventEndpoints,
  ...followUpEndpoints,
  ...peopleEndpoints,
  ...postEndpoints,
];
