import { apiRoute, respond } from '@/lib/api/handler';
import { sectorListResponse } from '@/lib/people/openapi';
import { listSectors } from '@/lib/sectors/queries';

/** The user's sectors with people and organisation counts. */
export const GET = apiRoute(async (_request, user) => respond(sectorListResponse, { items: await listSectors(user.id) }));
