'use client';

import { useActionState } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { FormState } from '@/lib/forms';
import { updateWritingAction } from './actions';

type Choice = { value: string; label: string };
const FIELDS: { id: string; label: string; hint: string; choices: Choice[] }[] = [
  {
    id: 'length',
    label: 'Length',
    hint: 'Short drafts tell people in fewer, fuller sentences; long ones take their time.',
    choices: [
      { value: 'short', label: 'Short' },
      { value: 'usual', label: 'Usual' },
      { value: 'long', label: 'Long' },
    ],
  },
  {
    id: 'headings',
    label: 'Use headings',
    hint: 'Automatic follows your published posts, else: none in a narrative, headings in a summary.',
    choices: [
      { value: 'auto', label: 'Automatic' },
      { value: 'on', label: 'Yes, use headings' },
      { value: 'off', label: 'No headings' },
    ],
  },
  {
    id: 'spelling',
    label: 'Spelling and dates',
    hint: '“Tuesday 21 April” or “Tuesday, April 21”. Your own words are never changed.',
    choices: [
      { value: 'british', label: 'British English' },
      { value: 'american', label: 'American English' },
    ],
  },
  {
    id: 'timeRef',
    label: 'How a draft says when',
    hint: 'Automatic follows the openings of your published posts.',
    choices: [
      { value: 'auto', label: 'Automatic' },
      { value: 'relative', label: 'Last night, yesterday morning' },
      { value: 'date', label: 'On Tuesday 21 April' },
    ],
  },
  {
    id: 'unnamed',
    label: 'People who asked not to be named',
    hint: '“The CTO at Acme”, “someone from government” or “a fellow guest”. Their names and emails never appear in a draft.',
    choices: [
      { value: 'role', label: 'By role and organisation' },
      { value: 'sector', label: 'By sector' },
      { value: 'guest', label: 'As a fellow guest' },
    ],
  },
];

/** Settings → Writing: how drafts are written. `current` holds the form values as saved (or as detected). */
export function WritingForm({ current }: { current: Record<string, string> }) {
  const [state, action] = useActionState<FormState, FormData>(updateWritingAction, {});
  const values = state.values ?? current;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f.id} id={`writing-${f.id}`} label={f.label} hint={f.hint} errors={e[f.id]}>
            {(describedBy, invalid) => (
              <select
                key={values[f.id]}
                id={`writing-${f.id}`}
                name={f.id}
                defaultValue={values[f.id]}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={inputClass}
              >
                {f.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
        <Field
          id="writing-signOff"
          label="Sign-off (optional)"
          hint="A last line for every draft, such as “Onwards, Sam”. Leave empty for none."
          errors={e.signOff}
        >
          {(describedBy, invalid) => (
            <input
              key={values.signOff}
              id="writing-signOff"
              name="signOff"
              type="text"
              defaultValue={values.signOff ?? ''}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Saving…">
          Save writing settings
        </SubmitButton>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600'}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
