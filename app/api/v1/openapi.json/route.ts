import { buildOpenApi } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';

/** The API description, generated from the same zod schemas the handlers validate with. Public. */
export function GET(request: Request) {
  return Response.json(buildOpenApi(endpoints, new URL(request.url).origin), {
    headers: { 'Cache-Control': 'no-store' },
  });
}
