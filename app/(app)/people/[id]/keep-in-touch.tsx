'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useActionState, useId, useRef, useState, useTransition } from 'react';
import { useToast } from '@/app/_components/ui/toast';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { formatDay } from '@/lib/dates';
import type { InteractionItem } from '@/lib/interactions/queries';
import { describeContact, INTERACTION_KINDS, KIND_LABELS } from '@/lib/interactions/kinds';
import { cadenceKey, cadenceLabel, CADENCE_CHOICES, CHOICE_LABELS, choiceOf, MAX_DAYS, type Cadence } from '@/lib/people/cadence';
import {
  deleteInteractionAction,
  logContactAction,
  restoreInteractionAction,
  setCadenceAction,
  type LogContactState,
  type SetCadenceState,
} from '../contact-actions';

/** "Log a contact": kind, day (today by default, in the user's time zone) and a line of notes. */
export function LogContactForm({ personId, today }: { personId: string; today: string }) {
  const [state, action] = useActionState<LogContactState, FormData>(logContactAction.bind(null, personId), {});
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const keyRef = useRef<HTMLInputElement>(null);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `log-${uid}-${name}`;
  return (
    <form
      action={action}
      noValidate
      aria-labelledby={id('title')}
      className="space-y-3"
      onSubmit={() => {
        // One key per intended log: a retried or double-sent submit then logs one contact.
        if (keyRef.current && !keyRef.current.value) keyRef.current.value = crypto.randomUUID();
      }}
    >
      <h3 id={id('title')} className="text-sm font-semibold">
        Log a contact
      </h3>
      <div className="grid grid-cols-2 gap-3">
        <Field id={id('kind')} label="Kind" errors={e.kind}>
          {(describedBy, invalid) => (
            <select
              id={id('kind')}
              name="kind"
              defaultValue={v.kind ?? 'coffee'}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            >
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('day')} label="When" errors={e.occurredOn}>
          {(describedBy, invalid) => (
            <input
              id={id('day')}
              name="occurredOn"
              type="date"
              max={today}
              defaultValue={v.occurredOn ?? today}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <TextField id={id('note')} name="note" label="Notes (optional)" defaultValue={v.note} errors={e.note} autoComplete="off" />
      <input ref={keyRef} type="hidden" name="idempotencyKey" defaultValue={v.idempotencyKey ?? ''} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Logging…">
          <Plus aria-hidden className="size-4" />
          Log contact
        </SubmitButton>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}

/** How often to keep in touch: the sector's default, none, a preset, or a number of days. */
export function CadenceForm({
  personId,
  version,
  cadence,
  sectorDefault,
}: {
  personId: string;
  version: number;
  cadence: Cadence | null;
  sectorDefault: Cadence | null;
}) {
  const [state, action] = useActionState<SetCadenceState, FormData>(setCadenceAction.bind(null, personId), {});
  const v = state.values ?? {};
  const [choice, setChoice] = useState<string>(v.keepInTouch ?? choiceOf(cadence));
  const e = state.fieldErrors ?? {};
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const id = (name: string) => `kit-${uid}-${name}`;
  return (
    <form action={action} noValidate className="space-y-3" aria-label="Keep in touch">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="was" value={cadenceKey(cadence)} />
      <Field id={id('every')} label="How often" errors={e.keepInTouch}>
        {(describedBy, invalid) => (
          <select
            id={id('every')}
            name="keepInTouch"
            value={choice}
            onChange={(ev) => setChoice(ev.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={inputClass}
          >
            <option value="">Sector default ({sectorDefault ? cadenceLabel(sectorDefault) : 'none'})</option>
            {CADENCE_CHOICES.map((c) => (
              <option key={c} value={c}>
                {CHOICE_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {choice === 'days' ? (
        <TextField
          id={id('days')}
          name="keepInTouchDays"
          label="Every how many days"
          inputMode="numeric"
          defaultValue={v.keepInTouchDays ?? (cadence?.unit === 'days' ? String(cadence.every) : '')}
          errors={e.keepInTouchDays}
          hint={`1 to ${MAX_DAYS}`}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Saving…">
          Save
        </SubmitButton>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}

/** The contacts logged with a person, newest first; delete with undo. */
export function InteractionList({ items, locale }: { items: InteractionItem[]; locale: string }) {
  const { show, view } = useToast();
  const [hidden, setHidden] = useState<Set<string>>(() => new Set());
  const [pending, start] = useTransition();
  const visible = items.filter((i) => !hidden.has(i.id));
  const toggle = (id: string, on: boolean) =>
    setHidden((h) => {
      const next = new Set(h);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <>
      {visible.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No calls, coffees, emails or messages logged yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Contacts logged">
          {visible.map((i) => (
            <li key={i.id} className="flex items-start gap-2 py-1.5">
              <div className="min-w-0 flex-1 py-1.5">
                <p>
                  <span className="font-medium">{describeContact(i).label}</span>
                  <span className="text-zinc-500"> · {formatDay(i.occurredOn, locale, 'medium')}</span>
                </p>
                {describeContact(i).note ? <p className="wrap-anywhere text-zinc-700 dark:text-zinc-300">{i.note}</p> : null}
              </div>
              <button
                type="button"
                disabled={pending}
                onClick={() => {
                  toggle(i.id, true);
                  start(async () => {
                    const r = await deleteInteractionAction(i.id).catch(() => null);
                    if (!r?.ok) {
                      toggle(i.id, false);
                      show({ message: r?.message ?? 'Could not reach Rapport. Nothing was deleted.' });
                      return;
                    }
                    show({
                      message: `Deleted: ${describeContact(i).label}, ${formatDay(i.occurredOn, locale, 'medium')}`,
                      undo: async () => {
                        const back = await restoreInteractionAction(i.id);
                        if (back.ok) toggle(i.id, false);
                      },
                    });
                  });
                }}
                className="grid size-11 shrink-0 place-items-center rounded-lg text-zinc-500 hover:bg-zinc-100 hover:text-red-700 dark:hover:bg-zinc-800"
              >
                <Trash2 aria-hidden className="size-4" />
                <span className="sr-only">
                  Delete {describeContact(i).label} on {formatDay(i.occurredOn, locale, 'medium')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {view}
    </>
  );
}
