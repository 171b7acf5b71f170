'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { dataAction } from '@/lib/actions/form-action';
import { setOffTheRecord } from '@/lib/facts/queries';

/**
 * Marks or unmarks one fact "off the record". It sets the value asked for, so a repeated tap changes nothing more. It
 * answers with the published posts given a new address because theirs quoted the fact.
 */
export const setOffTheRecordAction = dataAction(
  z.object({ id: z.uuid(), offTheRecord: z.boolean() }),
  async ({ user, input }) => {
    const { postsMoved } = await setOffTheRecord(user.id, input.id, input.offTheRecord);
    return { postsMoved };
  },
  {
    name: 'facts.off-the-record',
    input: (id: string, offTheRecord: boolean) => ({ id, offTheRecord }),
    notFoundMessage: 'Fact not found',
    after: () => {
      revalidatePath('/facts');
      revalidatePath('/events', 'layout');
      revalidatePath('/posts', 'layout');
    },
  },
);
