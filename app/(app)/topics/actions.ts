'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, refuse } from '@/lib/actions/form-action';
import { mergeTopics, mergeTopicSchema, renameTopic, renameTopicSchema, TopicNameTakenError } from '@/lib/topics/merge';

const NOT_FOUND = 'That topic was not found.';

/** Renames a topic; a name another topic has offers to merge into that one instead. */
export const renameTopicAction = formAction(
  renameTopicSchema.extend({ id: z.uuid() }),
  async ({ user, input }) => {
    try {
      return await renameTopic(user.id, input.id, input.name);
    } catch (err) {
      if (err instanceof TopicNameTakenError) refuse({ message: err.message, fieldErrors: err.fieldErrors, data: { mergeInto: err.existing } });
      throw err;
    }
  },
  {
    name: 'topics.rename',
    input: (formData: FormData, id: string) => ({ name: formData.get('name'), id }),
    notFoundMessage: NOT_FOUND,
    after: (topic, { values }) => {
      revalidatePath('/topics');
      revalidatePath(`/topics/${topic.id}`);
      return { ok: true, message: 'Renamed.', values };
    },
  },
);

/** Merges this topic into another; the page of the topic kept shows the merge with its undo. */
export const mergeTopicAction = formAction(mergeTopicSchema.extend({ id: z.uuid() }), async ({ user, input }) => mergeTopics(user.id, input.id, input.into), {
  name: 'topics.merge',
  ids: ['id', 'into'],
  input: (formData: FormData, id: string) => ({ into: formData.get('into'), id }),
  notFoundMessage: NOT_FOUND,
  after: (done) => {
    revalidatePath('/', 'layout');
    redirect(`/topics/${done.id}?merged=${done.mergeId}`);
  },
});
