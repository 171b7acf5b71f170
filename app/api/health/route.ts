import { connection } from 'next/server';
import { checkDatabase } from '@/lib/health';

/** Liveness for load balancers: 200 when the database answers, 503 when it does not. Public, no data. */
export async function GET() {
  await connection();
  const ok = await checkDatabase();
  return Response.json(ok ? { status: 'ok' } : { status: 'unavailable' }, {
    status: ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
