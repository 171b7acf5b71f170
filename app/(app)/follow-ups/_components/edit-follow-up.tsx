'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { TextAreaField } from '@/app/_components/ui/textarea-field';
import { buttonClass } from '@/app/_components/ui/button-class';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { FollowUpItem } from '@/lib/follow-ups/queries';
import type { ActionResult } from '@/lib/forms';
import { updateFollowUpAction } from '../actions';
import { PersonPicker } from '@/app/_components/follow-ups/person-picker';
import { formatDay } from '@/lib/dates';

type EditState = ActionResult<void, FollowUpItem>;

/** Edits a follow-up's action and due date; if someone saved it meanwhile, shows their copy and keeps yours. */
export function EditFollowUp({ item, locale }: { item: FollowUpItem; locale: string }) {
  const [state, action] = useActionState<EditState, FormData>(updateFollowUpAction.bind(null, item.id), {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const theirs = state.conflict;
  // After a conflict the next save overwrites their copy on purpose, so it carries their version.
  const version = theirs?.version ?? item.version;

  return (
    <form action={action} noValidate className="space-y-4">
      {theirs ? (
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">This follow-up was changed elsewhere since you opened it.</p>
          <p className="mt-1">
            Now it reads “{theirs.action}”, due {theirs.due ? formatDay(theirs.due, locale) : 'with no date'}
            {theirs.status === 'done' ? ', and is done' : ''}. Your text is still below: save again to keep yours.
          </p>
        </div>
      ) : null}
      <TextAreaField id="action" name="action" label="What will you do?" defaultValue={v.action ?? item.action} errors={e.action} rows={3} required />
      <Field id="due" label="Due" hint="Leave empty for no date." errors={e.due}>
        {(describedBy, invalid) => (
          <input
            id="due"
            name="due"
            type="date"
            defaultValue={v.due ?? item.due ?? ''}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={`${inputClass} max-w-56`}
          />
        )}
      </Field>
      <PersonPicker
        id="personId"
        name="personId"
        label="With (optional)"
        initial={item.person ? { id: item.person.id, label: item.person.displayName } : null}
        errors={e.personId}
      />
      <input type="hidden" name="version" value={version} />
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}
      >
        {theirs ? '' : state.message}
      </p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
        <Link href="/follow-ups" className={buttonClass('secondary')}>
          Back to follow-ups
        </Link>
      </div>
    </form>
  );
}
