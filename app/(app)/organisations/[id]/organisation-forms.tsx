'use client';

import { useActionState } from 'react';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { TextAreaField } from '@/app/_components/ui/textarea-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import type { OrganisationView } from '@/lib/organisations/queries';
import { mergeOrganisationAction, updateOrganisationAction } from '../actions';
import { useMergedValues } from '@/app/_components/forms/use-merged-values';

function Message({ state }: { state: ActionResult }) {
  return (
    <div id="form-message" aria-live="polite">
      {state.message ? (
        <p
          className={`rounded-lg px-3 py-2 text-sm ${
            state.ok
              ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200'
              : 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100'
          }`}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

const FIELDS = ['name', 'sectorId', 'website', 'notes'] as const;

/** An organisation's fields as the form sends them. */
function asValues(o: OrganisationView): Record<string, string> {
  return { name: o.name, sectorId: o.sector?.id ?? '', website: o.website ?? '', notes: o.notes ?? '', version: String(o.version) };
}

/** Rename, re-file under a sector, website and notes; version-checked. */
export function OrganisationForm({ organisation, sectors }: { organisation: OrganisationView; sectors: { id: string; name: string }[] }) {
  const [state, action] = useActionState<ActionResult<unknown, OrganisationView>, FormData>(updateOrganisationAction.bind(null, organisation.id), {});
  // After a conflict, the user's changes stay and the fields they left alone take the saved copy.
  const { values: v } = useMergedValues(state, asValues(organisation), asValues, FIELDS);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="version" value={state.ok ? String(organisation.version) : (v.version ?? '')} />
      <Message state={state} />
      <TextField id="org-name" name="name" label="Name" defaultValue={v.name} errors={e.name} required />
      <Field id="org-sector" label="Sector" errors={e.sectorId} hint="People here are in this sector unless you set their own.">
        {(describedBy, invalid) => (
          <select
            id="org-sector"
            name="sectorId"
            defaultValue={v.sectorId}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={inputClass}
          >
            <option value="">No sector</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField id="org-website" name="website" label="Website" defaultValue={v.website} errors={e.website} />
      <TextAreaField id="org-notes" name="notes" label="Notes" defaultValue={v.notes} errors={e.notes} rows={3} />
      <SubmitButton pendingText="Saving…">Save organisation</SubmitButton>
    </form>
  );
}

/** Folds another organisation into this one. */
export function MergeOrganisationForm({ id, name, version, others }: { id: string; name: string; version: number; others: string[] }) {
  const [state, action] = useActionState<ActionResult, FormData>(mergeOrganisationAction.bind(null, id), {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <Message state={state} />
      {/* The version of this organisation as shown: a merge after someone changed it is refused, both copies shown. */}
      <input type="hidden" name="keepVersion" value={state.values?.keepVersion ?? version} />
      <TextField
        id="otherName"
        name="otherName"
        label="Organisation to merge into this one"
        list="merge-org-options"
        autoComplete="off"
        defaultValue={state.values?.otherName}
        errors={e.otherName}
        hint={`Its people, their encounters, facts and follow-ups move to ${name}; it is then removed.`}
      />
      <datalist id="merge-org-options">
        {others.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <SubmitButton variant="secondary" pendingText="Merging…">
        Merge into {name}
      </SubmitButton>
    </form>
  );
}

/**
 * One tap on a possible duplicate: merges organisation `otherId` into organisation `id` (the merge's banner can undo
 * it). A refusal (one of them merged or removed meanwhile) shows beside the button.
 */
export function MergeAlikeButton({ id, otherId, label, names }: { id: string; otherId: string; label: string; names: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(mergeOrganisationAction.bind(null, id), {});
  const refusal = state.ok ? undefined : (state.fieldErrors?.otherName?.[0] ?? state.message);
  return (
    <form action={action} className="contents">
      <input type="hidden" name="otherId" value={otherId} />
      <SubmitButton variant="secondary" className="px-3" pendingText="Merging…" aria-label={`${label}: ${names}`}>
        {label}
      </SubmitButton>
      {refusal ? (
        <p role="alert" className="w-full text-sm text-amber-900 dark:text-amber-200">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
