import { apiRoute, json } from '@/lib/api/handler';
import { listSectors } from '@/lib/sectors/queries';

/** The user's sectors with people and organisation counts. */
export const GET = apiRoute(async (_request, user) => json({ items: await listSectors(user.id) }));
