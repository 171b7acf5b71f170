'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useState } from 'react';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { TextAreaField } from '@/app/_components/ui/textarea-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { displayName } from '@/lib/people/display-name';
import type { PersonFormState } from '../actions';
import { formDefaults, type PersonFormDefaults } from './person-form-defaults';
import { useMergedValues } from '@/app/_components/forms/use-merged-values';

const LABELS: Record<keyof PersonFormDefaults, string> = {
  name: 'Name',
  role: 'Role',
  organisationName: 'Organisation',
  sectorId: 'Sector',
  email: 'Email',
  phone: 'Phone',
  links: 'Links',
  notes: 'Notes',
  topics: 'Topics',
  keepPrivate: 'Privacy',
  version: 'Version',
};

type Field = Exclude<keyof PersonFormDefaults, 'version'>;
const FIELDS = (Object.keys(LABELS) as (keyof PersonFormDefaults)[]).filter((k): k is Field => k !== 'version');

/** The form's values as it sends them (a checkbox: "on" or nothing). */
function asValues(d: PersonFormDefaults): Record<string, string> {
  return { ...d, keepPrivate: d.keepPrivate ? 'on' : '', version: String(d.version ?? '') };
}

/**
 * Add or edit a person. Errors sit next to their fields; what was typed survives a failed save; when someone
 * else saved meanwhile, the fields they changed are listed with their value, the user's own changes stay as typed,
 * and the fields the user did not touch show the saved copy.
 */
export function PersonForm({
  action,
  defaults,
  sectors,
  organisations,
  submitLabel,
}: {
  action: (prev: PersonFormState, formData: FormData) => Promise<PersonFormState>;
  defaults: PersonFormDefaults;
  sectors: { id: string; name: string }[];
  organisations: string[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState<PersonFormState, FormData>(action, {});
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // The answer the user has typed over since it came back: a duplicate warning then no longer stands, and the
  // next save checks again rather than saving "anyway".
  const [editedSince, setEditedSince] = useState<PersonFormState | null>(null);
  const askingAboutDuplicates = !!state.data?.duplicates?.length && editedSince !== state;
  const formRef = useRef<HTMLFormElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  // On a phone the save bar sits over the page above the navigation, and a browser does not scroll a field it can see
  // a sliver of: one reached with Tab can be behind the bar as it is typed in. Lifted clear of it instead.
  const clearOfBar = (e: React.FocusEvent<HTMLFormElement>) => {
    const bar = barRef.current;
    if (!bar || bar.contains(e.target)) return;
    const behind = e.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top + 8;
    if (behind > 0 && getComputedStyle(bar).position === 'sticky') window.scrollBy(0, behind);
  };
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A refused or questioned save is answered where the user is looking: the first field to fix, else the
    // message (on a phone the Save button is a screen below it).
    if (!state.message && !state.fieldErrors) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? messageRef.current;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [state]);
  const { values: v, changed: changedFields } = useMergedValues(state, asValues(defaults), (saved) => asValues(formDefaults(saved)), FIELDS);
  const e = state.fieldErrors ?? {};
  const theirs = state.conflict ? formDefaults(state.conflict) : null;
  const changed = changedFields as Field[];

  return (
    <form ref={formRef} action={formAction} onChange={() => setEditedSince(state)} onFocus={clearOfBar} className="space-y-5" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {defaults.version ? <input type="hidden" name="version" value={v.version ?? ''} /> : null}
      <div id="form-message" ref={messageRef} tabIndex={-1} aria-live="polite" className="scroll-mt-20 outline-none">
        {state.message ? (
          <div className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <p>{state.message}</p>
            {state.data?.duplicates?.length ? (
              <ul className="mt-2 space-y-1" aria-label="People you already have">
                {state.data.duplicates.map((d) => (
                  <li key={d.id} className="wrap-anywhere">
                    <Link href={`/people/${d.id}`} className="font-medium underline underline-offset-2">
                      {d.name ? [d.name, d.organisation].filter(Boolean).join(', ') : displayName({ role: d.role, organisationName: d.organisation })}
                    </Link>{' '}
                    <span className="text-amber-800 dark:text-amber-200">(same {d.why})</span>
                    {/* Typed it all for nothing otherwise: following the link leaves the form behind. */}
                    <button
                      type="submit"
                      name="addTo"
                      value={d.id}
                      className="mt-1 flex min-h-11 items-center rounded-lg border border-amber-400 bg-white px-3 text-sm font-medium text-amber-950 hover:bg-amber-100 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
                    >
                      Add these details to {d.name ?? displayName({ role: d.role, organisationName: d.organisation })}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {theirs && changed.length ? (
              <dl className="mt-2 space-y-1">
                {changed.map((k) => (
                  <div key={k}>
                    <dt className="inline font-medium">{LABELS[k]} is now: </dt>
                    <dd className="inline wrap-anywhere">
                      {k === 'sectorId'
                        ? (sectors.find((s) => s.id === theirs.sectorId)?.name ?? 'from the organisation')
                        : k === 'keepPrivate'
                          ? theirs.keepPrivate
                            ? 'not named in public'
                            : 'may be named'
                          : String(theirs[k]) || '(empty)'}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="name"
          name="name"
          label="Name"
          autoComplete="off"
          defaultValue={v.name}
          errors={e.name}
          hint="Optional if you know their role or organisation."
        />
        <TextField id="role" name="role" label="Role" defaultValue={v.role} errors={e.role} placeholder="e.g. Head of IT" />
        <div>
          <TextField
            id="organisationName"
            name="organisationName"
            label="Organisation"
            list="person-org-options"
            autoComplete="off"
            defaultValue={v.organisationName}
            errors={e.organisationName ?? e.organisationId}
            hint="Pick one you have, or type a new one."
          />
          <datalist id="person-org-options">
            {organisations.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <Field id="sectorId" label="Sector" errors={e.sectorId} hint="Leave as the organisation's unless they differ.">
          {(describedBy, invalid) => (
            <select
              id="sectorId"
              name="sectorId"
              defaultValue={v.sectorId}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            >
              <option value="">Same as the organisation</option>
              {sectors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField id="email" name="email" type="email" inputMode="email" label="Email" autoComplete="off" defaultValue={v.email} errors={e.email} />
        <TextField id="phone" name="phone" type="tel" label="Phone" autoComplete="off" defaultValue={v.phone} errors={e.phone} />
      </div>
      <TextAreaField
        id="links"
        name="links"
        label="Links"
        hint="One per line: LinkedIn, a website, a talk."
        defaultValue={v.links}
        // Which line: "links.1" is the second link typed, blank lines aside.
        errors={Object.entries(e)
          .filter(([k]) => k.startsWith('links'))
          .flatMap(([k, m]) => {
            const at = Number(k.split('.')[1]);
            const line = (v.links ?? '')
              .split('\n')
              .map((text, i) => ({ text: text.trim(), i }))
              .filter((l) => l.text)[at];
            return line ? m.map((msg) => `Line ${line.i + 1}, “${line.text}”: ${msg}`) : m;
          })}
        rows={2}
      />
      <TextAreaField id="notes" name="notes" label="Notes" defaultValue={v.notes} errors={e.notes} rows={5} />
      <TextField
        id="topics"
        name="topics"
        label="Topics"
        hint="What they are known for, separated by commas: open data, procurement."
        autoComplete="off"
        defaultValue={v.topics}
        errors={Object.entries(e)
          .filter(([k]) => k.startsWith('topics'))
          .flatMap(([, m]) => m)}
      />
      <div className="flex items-start gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <input
          id="keepPrivate"
          name="keepPrivate"
          type="checkbox"
          defaultChecked={v.keepPrivate === 'on'}
          aria-describedby="keepPrivate-hint"
          className="mt-0.5 size-5 accent-accent-600"
        />
        <div>
          <label htmlFor="keepPrivate" className="text-sm font-medium">
            Don&rsquo;t name them in public posts
          </label>
          <p id="keepPrivate-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
            Posts will describe them by role and organisation only.
          </p>
        </div>
      </div>
      <div
        ref={barRef}
        data-bar-over-nav
        className="sticky bottom-16 z-10 -mx-4 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur md:static md:mx-0 md:border-0 md:bg-transparent md:p-0 dark:border-zinc-800 dark:bg-zinc-950/95"
      >
        {askingAboutDuplicates ? (
          // A submit button's name and value go with the form: this one says "yes, a new person".
          <SubmitButton name="createAnyway" value="1" pendingText="Saving…" className="w-full sm:w-auto">
            No, save as a new person
          </SubmitButton>
        ) : (
          <SubmitButton pendingText="Saving…" className="w-full sm:w-auto">
            {submitLabel}
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
