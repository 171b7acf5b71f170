'use client';

import { useActionState } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { mergeTopicAction, renameTopicAction } from '../../actions';

/** Rename and merge for one topic. A rename to a taken name offers the merge into that topic in place. */
export function TopicTools({ id, name, others }: { id: string; name: string; others: { id: string; name: string }[] }) {
  const [renamed, rename] = useActionState<ActionResult, FormData>(renameTopicAction.bind(null, id), {});
  const [merged, merge] = useActionState<ActionResult, FormData>(mergeTopicAction.bind(null, id), {});
  const offer = (renamed.data as { mergeInto?: { id: string; name: string } } | undefined)?.mergeInto;
  return (
    <div className="space-y-5">
      <form action={rename} className="space-y-2">
        <Field id="topic-name" label="Rename" errors={renamed.fieldErrors?.name}>
          {(describedBy, invalid) => (
            <input
              id="topic-name"
              name="name"
              defaultValue={renamed.values?.name ?? name}
              required
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-2">
          <SubmitButton variant="secondary" pendingText="Renaming…">
            Rename
          </SubmitButton>
          <p aria-live="polite" className="text-sm text-zinc-600 empty:hidden dark:text-zinc-400">
            {renamed.ok ? renamed.message : ''}
          </p>
        </div>
      </form>
      {offer ? (
        <form action={merge} className="rounded-lg bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <input type="hidden" name="into" value={offer.id} />
          <p className="mb-2">Merge this topic into &ldquo;{offer.name}&rdquo;? Every event, person and fact link moves; you can undo it.</p>
          <SubmitButton pendingText="Merging…">Merge into &ldquo;{offer.name}&rdquo;</SubmitButton>
        </form>
      ) : null}
      {others.length ? (
        <form action={merge} className="space-y-2">
          <Field
            id="merge-into"
            label="Merge into another topic"
            errors={merged.fieldErrors?.into}
            hint="Every link moves to the topic you choose; undo from the banner or Recently deleted."
          >
            {(describedBy, invalid) => (
              <select
                id="merge-into"
                name="into"
                required
                defaultValue=""
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={inputClass}
              >
                <option value="" disabled>
                  Choose a topic
                </option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton variant="secondary" pendingText="Merging…">
            Merge
          </SubmitButton>
          <p aria-live="polite" className="text-sm text-red-700 empty:hidden dark:text-red-300">
            {merged.ok ? '' : (merged.message ?? '')}
          </p>
        </form>
      ) : null}
    </div>
  );
}
