import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { busySignInAs503 } from '@/lib/auth/busy-sign-in';

export const { GET } = handlers;

/** next-auth's endpoints; a sign-in refused because the password hasher is full answers 503 with Retry-After. */
export async function POST(request: NextRequest): Promise<Response> {
  return busySignInAs503(await handlers.POST(request));
}
