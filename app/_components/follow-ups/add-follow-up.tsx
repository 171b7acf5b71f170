'use client';

import { Plus } from 'lucide-react';
import { useActionState, useId, useRef } from 'react';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { createFollowUpAction, type AddFollowUpState } from '@/app/(app)/follow-ups/actions';
import { PersonPicker } from './person-picker';
import { addDays } from '@/lib/dates';
import { DUE_PRESETS } from '@/lib/follow-ups/due';

interface Choice {
  id: string;
  label: string;
}

/**
 * A compact form that adds a follow-up. On a person or event page pass `personId` / `eventId`; on the
 * follow-ups page pass `people` / `events` to choose from. `today` (the user's, YYYY-MM-DD) enables the
 * Tomorrow / Next week shortcuts.
 */
export function AddFollowUp({
  personId,
  eventId,
  people,
  findPeople = false,
  events,
  today,
  title = 'Add a follow-up',
}: {
  personId?: string;
  eventId?: string;
  people?: Choice[];
  /** Find the person among all of the user's people as they type (the follow-ups page), instead of `people`. */
  findPeople?: boolean;
  events?: Choice[];
  today?: string;
  title?: string;
}) {
  const [state, action] = useActionState<AddFollowUpState, FormData>(createFollowUpAction, {});
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const dueRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `fu-${uid}-${name}`;

  return (
    <form
      action={action}
      noValidate
      aria-labelledby={id('title')}
      className="space-y-3"
      onSubmit={() => {
        // One key per intended add: a retried or double-sent submit then creates one follow-up.
        if (keyRef.current && !keyRef.current.value) keyRef.current.value = crypto.randomUUID();
      }}
    >
      <h2 id={id('title')} className="text-base font-semibold">
        {title}
      </h2>
      <TextField
        id={id('action')}
        name="action"
        label="What will you do?"
        placeholder="Send the report on device policy"
        defaultValue={v.action}
        errors={e.action}
        autoComplete="off"
        required
      />
      <div className="space-y-2">
        <Field id={id('due')} label="Due (optional)" errors={e.due}>
          {(describedBy, invalid) => (
            <input
              ref={dueRef}
              id={id('due')}
              name="due"
              type="date"
              defaultValue={v.due}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={`${inputClass} max-w-56`}
            />
          )}
        </Field>
        {today ? (
          <div className="flex flex-wrap gap-2" role="group" aria-label="Quick due dates">
            {DUE_PRESETS.map(({ label, days }) => (
              <button
                key={label}
                type="button"
                onClick={() => {
                  if (dueRef.current) dueRef.current.value = addDays(today, days);
                }}
                className="min-h-11 rounded-full border border-zinc-300 px-4 text-sm text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                {label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {!personId && findPeople ? (
        // Keyed by the last follow-up added, so each add starts with an empty "With".
        <PersonPicker key={state.data?.added ?? 'first'} id={id('person')} name="personId" label="With (optional)" errors={e.personId} />
      ) : !personId && people?.length ? (
        <ChoiceSelect id={id('person')} name="personId" label="With (optional)" choices={people} value={v.personId} errors={e.personId} />
      ) : null}
      {!eventId && events?.length ? (
        <ChoiceSelect id={id('event')} name="eventId" label="From event (optional)" choices={events} value={v.eventId} errors={e.eventId} />
      ) : null}
      {personId ? <input type="hidden" name="personId" value={personId} /> : null}
      {eventId ? <input type="hidden" name="eventId" value={eventId} /> : null}
      <input ref={keyRef} type="hidden" name="idempotencyKey" defaultValue={v.idempotencyKey ?? ''} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Adding…">
          <Plus aria-hidden className="size-4" />
          Add follow-up
        </SubmitButton>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}

/** A labelled select of people or events, with "—" for none. */
function ChoiceSelect({
  id,
  name,
  label,
  choices,
  value,
  errors,
}: {
  id: string;
  name: string;
  label: string;
  choices: Choice[];
  value?: string;
  errors?: string[];
}) {
  return (
    <Field id={id} label={label} errors={errors}>
      {(describedBy, invalid) => (
        <select id={id} name={name} defaultValue={value ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass}>
          <option value="">—</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
