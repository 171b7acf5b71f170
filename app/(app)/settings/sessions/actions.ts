'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { endOtherSessions, endSessionByHandle } from '@/lib/auth/sessions';
import { getSessionId, requireUser } from '@/lib/dal';

const handleSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Signs one of the user's other devices out; someone else's session, or none, does nothing. */
export async function endSessionAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const handle = handleSchema.safeParse(formData.get('session'));
  const ended = handle.success ? await endSessionByHandle(user.id, handle.data) : false;
  revalidatePath('/settings');
  redirect(`/settings?signedOut=${ended ? 1 : 0}#sessions`);
}

/** Signs out every device but this one (a lost phone, a shared computer). */
export async function endOtherSessionsAction(): Promise<void> {
  const user = await requireUser();
  const current = await getSessionId();
  const ended = current ? await endOtherSessions(user.id, current) : 0;
  revalidatePath('/settings');
  redirect(`/settings?signedOut=${ended}#sessions`);
}
