'use client';

import { Trash2 } from 'lucide-react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { type EventDraft, type PersonDraft } from '@/lib/events/draft';
import { DUE_PRESETS } from '@/lib/follow-ups/due';
import { displayName } from '@/lib/people/display-name';
import { addDays } from '@/lib/dates';

type Fact = EventDraft['insights'][number];
type FollowUp = EventDraft['followUps'][number];

function PersonSelect({
  id,
  label,
  value,
  people,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  people: PersonDraft[];
  onChange: (uid: string) => void;
}) {
  return (
    <Field id={id} label={label}>
      {() => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
          <option value="">Nobody in particular</option>
          {people.map((p, i) => (
            <option key={p.uid} value={p.uid}>
              {p.name.trim() || p.role.trim() || p.organisation.trim() ? displayName({ ...p, organisationName: p.organisation }) : `Person ${i + 1}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="grid size-11 shrink-0 place-items-center rounded-lg text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
    >
      <Trash2 aria-hidden className="size-4" />
      <span className="sr-only">{label}</span>
    </button>
  );
}

/** A fact or statistic heard, optionally credited to one of the people. */
export function FactRow(props: { index: number; fact: Fact; people: PersonDraft[]; errors?: string[]; onChange: (next: Fact) => void; onRemove: () => void }) {
  const { index, fact, people, errors, onChange, onRemove } = props;
  const id = `fact-${fact.uid}`;
  return (
    <fieldset className="rounded-xl border border-zinc-200 p-3 pt-2 dark:border-zinc-800">
      <legend className="sr-only">Fact {index + 1}</legend>
      <div className="flex items-center justify-between">
        <p aria-hidden className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
          Fact {index + 1}
        </p>
        <RemoveButton label={`Remove fact ${index + 1}`} onClick={onRemove} />
      </div>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <Field id={`${id}-text`} label="What you heard" errors={errors}>
          {(describedBy, invalid) => (
            <input
              id={`${id}-text`}
              value={fact.text}
              placeholder="e.g. 40% of councils rely on one cloud supplier"
              enterKeyHint="next"
              onChange={(e) => onChange({ ...fact, text: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <PersonSelect id={`${id}-person`} label="Said by" value={fact.personUid} people={people} onChange={(personUid) => onChange({ ...fact, personUid })} />
      </div>
    </fieldset>
  );
}

/** Something the user promised, optionally to someone, with quick due dates. */
export function FollowUpRow(props: {
  index: number;
  followUp: FollowUp;
  /** The user's today (YYYY-MM-DD), for the due presets. */
  today: string;
  people: PersonDraft[];
  errors: (field: string) => string[] | undefined;
  onChange: (next: FollowUp) => void;
  onRemove: () => void;
}) {
  const { index, followUp, today, people, errors, onChange, onRemove } = props;
  const id = `follow-up-${followUp.uid}`;
  return (
    <fieldset className="rounded-xl border border-zinc-200 p-3 pt-2 dark:border-zinc-800">
      <legend className="sr-only">Follow-up {index + 1}</legend>
      <div className="flex items-center justify-between">
        <p aria-hidden className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
          Follow-up {index + 1}
        </p>
        <RemoveButton label={`Remove follow-up ${index + 1}`} onClick={onRemove} />
      </div>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <Field id={`${id}-action`} label="What you will do" errors={errors('action')}>
          {(describedBy, invalid) => (
            <input
              id={`${id}-action`}
              value={followUp.action}
              placeholder="e.g. Send her the report"
              enterKeyHint="next"
              onChange={(e) => onChange({ ...followUp, action: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <PersonSelect
          id={`${id}-person`}
          label="With"
          value={followUp.personUid}
          people={people}
          onChange={(personUid) => onChange({ ...followUp, personUid, personId: undefined })}
        />
      </div>
      <div className="mt-3 space-y-1.5">
        <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200" id={`${id}-due-label`}>
          Due
        </p>
        <div className="flex flex-wrap gap-2" role="group" aria-labelledby={`${id}-due-label`}>
          {DUE_PRESETS.map((preset) => {
            const date = addDays(today, preset.days);
            const on = followUp.due === date;
            return (
              <button
                key={preset.label}
                type="button"
                aria-pressed={on}
                onClick={() => onChange({ ...followUp, due: on ? '' : date })}
                className={`min-h-11 rounded-full border px-3 text-sm font-medium ${
                  on ? 'border-accent-600 bg-accent-600 text-white' : 'border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900'
                }`}
              >
                {preset.label}
              </button>
            );
          })}
          <label className="sr-only" htmlFor={`${id}-due`}>
            Due date for follow-up {index + 1}
          </label>
          <input
            id={`${id}-due`}
            type="date"
            value={followUp.due}
            onChange={(e) => onChange({ ...followUp, due: e.target.value })}
            aria-invalid={!!errors('due') || undefined}
            aria-describedby={`${id}-due-error`}
            className={`${inputClass} w-auto min-w-40 flex-1`}
          />
        </div>
        <div id={`${id}-due-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
          {errors('due')?.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
