'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import type { SectorSummary } from '@/lib/sectors/queries';
import { addSectorAction, deleteSectorAction, renameSectorAction, setSectorCadenceAction } from './actions';
import { cadenceLabel, CADENCE_CHOICES, CHOICE_LABELS, choiceOf } from '@/lib/people/cadence';

function Status({ state, id }: { state: ActionResult; id: string }) {
  return (
    <p id={id} aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600 dark:text-red-400'}`}>
      {state.message ?? ''}
    </p>
  );
}

/** Adds a sector. */
export function AddSectorForm() {
  const [state, action] = useActionState<ActionResult, FormData>(addSectorAction, {});
  return (
    <form action={action} className="flex flex-wrap items-start gap-2" noValidate key={state.ok ? state.message : 'form'}>
      <TextField
        id="new-sector"
        name="name"
        label="New sector"
        defaultValue={state.ok ? '' : state.values?.name}
        errors={state.fieldErrors?.name}
        className="min-w-0 flex-1"
      />
      <SubmitButton variant="secondary" className="mt-6.5" pendingText="Adding…">
        Add sector
      </SubmitButton>
      <div className="w-full">{state.ok ? <Status state={state} id="new-sector-status" /> : null}</div>
    </form>
  );
}

/** One sector: its counts, rename, and delete (merging into another when it is in use). */
export function SectorRow({ sector, others }: { sector: SectorSummary; others: { id: string; name: string }[] }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete' | 'cadence'>('view');
  const [cadenceState, saveCadence] = useActionState<ActionResult, FormData>(setSectorCadenceAction, {});
  const [choice, setChoice] = useState<string>(choiceOf(sector.keepInTouch) || 'none');
  const [renameState, rename] = useActionState<ActionResult, FormData>(renameSectorAction, {});
  const [deleteState, remove] = useActionState<ActionResult, FormData>(deleteSectorAction, {});
  const inUse = sector.people + sector.organisations > 0;
  const uid = sector.id.slice(0, 8);

  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-[10rem] flex-1">
          <p className="font-medium wrap-anywhere">{sector.name}</p>
          <p className="text-xs text-zinc-500">
            {sector.people} {sector.people === 1 ? 'person' : 'people'} · {sector.organisations} {sector.organisations === 1 ? 'organisation' : 'organisations'}
            {sector.keepInTouch ? ` · Keep in touch: ${cadenceLabel(sector.keepInTouch)}` : ''}
          </p>
        </div>
        <Button type="button" variant="secondary" aria-expanded={mode === 'cadence'} onClick={() => setMode(mode === 'cadence' ? 'view' : 'cadence')}>
          Keep in touch<span className="sr-only"> default for {sector.name}</span>
        </Button>
        <Button type="button" variant="secondary" aria-expanded={mode === 'rename'} onClick={() => setMode(mode === 'rename' ? 'view' : 'rename')}>
          Rename<span className="sr-only"> {sector.name}</span>
        </Button>
        <Button type="button" variant="secondary" aria-expanded={mode === 'delete'} onClick={() => setMode(mode === 'delete' ? 'view' : 'delete')}>
          {inUse ? 'Merge or delete' : 'Delete'}
          <span className="sr-only"> {sector.name}</span>
        </Button>
      </div>
      {mode === 'rename' ? (
        <form action={rename} className="mt-2 flex flex-wrap items-start gap-2" noValidate>
          <input type="hidden" name="id" value={sector.id} />
          <TextField
            id={`rename-${uid}`}
            name="name"
            label={`New name for ${sector.name}`}
            defaultValue={renameState.values?.name ?? sector.name}
            errors={renameState.fieldErrors?.name}
            className="min-w-0 flex-1"
          />
          <SubmitButton className="mt-6.5" pendingText="Saving…">
            Save name
          </SubmitButton>
          <div className="w-full">
            <Status state={renameState} id={`rename-${uid}-status`} />
          </div>
        </form>
      ) : null}
      {mode === 'cadence' ? (
        <form action={saveCadence} className="mt-2 space-y-2" noValidate>
          <input type="hidden" name="id" value={sector.id} />
          <input type="hidden" name="version" value={sector.version} />
          <Field id={`kit-${uid}`} label={`Keep in touch with people in ${sector.name}`} errors={cadenceState.fieldErrors?.keepInTouch}>
            {(describedBy, invalid) => (
              <select
                key={`${sector.version}-${cadenceState.values?.keepInTouch ?? ''}`}
                id={`kit-${uid}`}
                name="keepInTouch"
                // Uncontrolled, and made anew for each saved version or refused choice: React resets a form after its
                // action, and a controlled select was reset to "No default" while it held the saved choice.
                defaultValue={cadenceState.values?.keepInTouch ?? (choiceOf(sector.keepInTouch) || 'none')}
                onChange={(e) => setChoice(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={inputClass}
              >
                {CADENCE_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {c === 'none' ? 'No default' : CHOICE_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {choice === 'days' ? (
            <TextField
              id={`kit-days-${uid}`}
              name="keepInTouchDays"
              label="Every how many days"
              inputMode="numeric"
              defaultValue={cadenceState.values?.keepInTouchDays ?? (sector.keepInTouch?.unit === 'days' ? String(sector.keepInTouch.every) : '')}
              errors={cadenceState.fieldErrors?.keepInTouchDays}
            />
          ) : null}
          <p className="text-xs text-zinc-500">Applies to everyone in the sector who has no cadence of their own.</p>
          {choice !== 'none' && choice !== (choiceOf(sector.keepInTouch) || 'none') ? (
            <label className="flex min-h-11 items-start gap-2 text-sm">
              <input
                key={`${sector.version}-${cadenceState.values?.fromToday ?? ''}`}
                type="checkbox"
                name="fromToday"
                defaultChecked={cadenceState.values ? cadenceState.values.fromToday === 'on' : true}
                className="mt-1 size-4 shrink-0"
              />
              <span>Count from today for anyone it would make due now (not in touch for longer than that), rather than bring them all due at once.</span>
            </label>
          ) : null}
          <SubmitButton pendingText="Saving…">Save default</SubmitButton>
          <Status state={cadenceState} id={`kit-${uid}-status`} />
        </form>
      ) : null}
      {mode === 'delete' ? (
        <form action={remove} className="mt-2 space-y-2" noValidate>
          <input type="hidden" name="id" value={sector.id} />
          <input type="hidden" name="version" value={deleteState.values?.version ?? sector.version} />
          {inUse ? (
            <Field id={`into-${uid}`} label={`Move its people and organisations to`} errors={deleteState.fieldErrors?.reassignTo}>
              {(describedBy, invalid) => (
                <select
                  id={`into-${uid}`}
                  name="reassignTo"
                  required
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  className={inputClass}
                  defaultValue=""
                >
                  <option value="" disabled>
                    Choose a sector
                  </option>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No one is filed under {sector.name}.</p>
          )}
          <SubmitButton variant="danger" pendingText="Working…">
            {inUse ? `Merge and delete ${sector.name}` : `Delete ${sector.name}`}
          </SubmitButton>
          <Status state={deleteState} id={`delete-${uid}-status`} />
        </form>
      ) : null}
    </li>
  );
}
