import { problem } from '@/lib/api/problem';

/**
 * Any API address with no route: a problem+json 404 like every other API error, whatever the method, rather than
 * the site's HTML page (app/(app)/[...missing] catches the rest of the site's unknown addresses). It reads nothing.
 */
function missing(): Response {
  return problem(404, 'There is no API at this address. The OpenAPI document is at /api/v1/openapi.json.');
}

export const GET = missing;
export const POST = missing;
export const PUT = missing;
export const PATCH = missing;
export const DELETE = missing;
