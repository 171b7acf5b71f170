'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formSubmit } from '@/lib/actions/form-action';
import { endOtherSessions, endSessionByHandle } from '@/lib/auth/sessions';
import { getSessionId } from '@/lib/dal';

/** Signs one of the user's other devices out; someone else's session, or none, does nothing. */
export const endSessionAction = formSubmit(
  z.object({
    session: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .catch(''),
  }),
  async ({ user, input }) => (input.session ? endSessionByHandle(user.id, input.session) : false),
  {
    name: 'sessions.end',
    after: (ended) => {
      revalidatePath('/settings');
      redirect(`/settings?signedOut=${ended ? 1 : 0}#sessions`);
    },
  },
);

/** Signs out every device but this one (a lost phone, a shared computer). */
export const endOtherSessionsAction = formSubmit(
  z.object({}),
  async ({ user }) => {
    const current = await getSessionId();
    return current ? endOtherSessions(user.id, current) : 0;
  },
  {
    name: 'sessions.end-others',
    after: (ended) => {
      revalidatePath('/settings');
      redirect(`/settings?signedOut=${ended}#sessions`);
    },
  },
);
