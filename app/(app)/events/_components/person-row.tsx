'use client';

import { Trash2, UserCheck } from 'lucide-react';
import Link from 'next/link';
import { lazy, Suspense, useId, useState } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import type { PersonDraft } from '@/lib/events/draft';
import { RELATION_LABEL, RELATIONS } from '@/lib/events/relations';
import { displayName } from '@/lib/people/display-name';
import type { PersonSuggestion } from '@/lib/events/lookup';
import type { DuplicateCandidate } from '@/lib/events/resolve';
import { moveThroughSuggestions } from '@/app/_components/ui/suggestion-keys';
import { formatDate, formatDay } from '@/lib/dates';
import { TagInput } from './tag-input';
import { useSuggest } from './use-suggest';

// Shown only after a save the server held back for a likely duplicate (so with a connection): loaded then, not with
// the form, whose script is at its budget.
const DuplicatePrompt = lazy(() => import('./duplicate-prompt').then((m) => ({ default: m.DuplicatePrompt })));

interface Props {
  index: number;
  person: PersonDraft;
  errors: (field: string) => string[] | undefined;
  duplicates?: DuplicateCandidate[];
  onChange: (next: PersonDraft) => void;
  onRemove: () => void;
  sectors: string[];
  /** The user's locale and time zone, for "last met" dates. */
  locale: string;
  timeZone: string;
}

/** One person met: a fast row that links to someone known instead of creating a duplicate. */
export function PersonRow({ index, person, errors, duplicates, onChange, onRemove, sectors, locale, timeZone }: Props) {
  const base = `person-${person.uid}`;
  const [nameFocused, setNameFocused] = useState(false);
  const orgList = useId();
  const sectorList = useId();
  const known = useSuggest<PersonSuggestion>('people', person.name, !person.id && nameFocused, 2);
  const orgs = useSuggest<{ name: string; sector: string | null }>('organisations', person.organisation, true, 1);
  const set = (patch: Partial<PersonDraft>) => onChange({ ...person, ...patch });
  const pick = (s: PersonSuggestion | DuplicateCandidate, context?: PersonSuggestion) =>
    onChange({
      ...person,
      id: s.id,
      // What they are on record as now: a save sends only what is changed from this, from this version.
      base: {
        name: s.name ?? '',
        role: s.role ?? '',
        organisation: s.organisation ?? '',
        sector: context?.sector ?? '',
        email: s.email ?? '',
        version: s.version,
      },
      // What was typed was a search (maybe a role); the person's own name, or none, replaces it.
      name: s.name ?? '',
      role: s.role ?? person.role,
      organisation: s.organisation ?? person.organisation,
      sector: context?.sector ?? person.sector,
      email: s.email ?? person.email,
      newPerson: undefined,
      known: context ? { lastMet: context.lastMet, topics: context.topics, openFollowUps: context.openFollowUps } : undefined,
    });
  const text = (field: 'name' | 'role' | 'email' | 'notes', label: string, extra: Record<string, unknown> = {}) => (
    <Field id={`${base}-${field}`} label={label} errors={errors(field)}>
      {(describedBy, invalid) => (
        <input
          id={`${base}-${field}`}
          value={person[field]}
          onChange={(e) => set({ [field]: e.target.value })}
          enterKeyHint="next"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={inputClass}
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <fieldset className="relative rounded-xl border border-zinc-200 p-3 pt-2 sm:p-4 sm:pt-3 dark:border-zinc-800" data-person-row>
      <legend className="sr-only">Person {index + 1}</legend>
      <div className="mb-2 flex min-h-11 items-center justify-between gap-2">
        <p aria-hidden className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
          Person {index + 1}
        </p>
        <button
          type="button"
          data-remove-person
          onClick={onRemove}
          className="grid size-11 place-items-center rounded-lg text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
        >
          <Trash2 aria-hidden className="size-4" />
          <span className="sr-only">Remove person {index + 1}</span>
        </button>
      </div>

      {duplicates?.length && !person.id ? (
        <Suspense fallback={null}>
          <DuplicatePrompt duplicates={duplicates} answered={person.newPerson} onSame={(d) => pick(d)} onNew={() => set({ newPerson: true })} />
        </Suspense>
      ) : null}
      {person.id ? (
        <KnownPanel person={person} locale={locale} timeZone={timeZone} onUnlink={() => set({ id: undefined, known: undefined, base: undefined })} />
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2">
        <div
          className="relative"
          // The suggestions stay open while focus moves between the name and them (Tab, or a tap).
          onFocus={() => setNameFocused(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setNameFocused(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setNameFocused(false);
            else moveThroughSuggestions(e);
          }}
        >
          {/* Typing again after Escape brings the suggestions back. */}
          {text('name', 'Name (if you know it)', { autoComplete: 'off', onInput: () => setNameFocused(true) })}
          <p role="status" className="sr-only">
            {known.length ? `${known.length === 1 ? 'One person' : `${known.length} people`} you already know: press Down to choose.` : ''}
          </p>
          {known.length ? (
            <ul
              className="absolute inset-x-0 top-full z-20 -mt-4 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
              aria-label="People you already know"
            >
              {known.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    // Safari does not focus a tapped button; keeping focus on the name keeps the list open for the click.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => {
                      pick(s, s);
                      setNameFocused(false);
                      // The list goes with the pick: focus returns to the name rather than falling to the page.
                      requestAnimationFrame(() => document.getElementById(`${base}-name`)?.focus());
                    }}
                    className="block min-h-11 w-full px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    <span className="font-medium">{displayName({ name: s.name, role: s.role })}</span>
                    <span className="block text-xs text-zinc-500">
                      {[s.role, s.organisation].filter(Boolean).join(', ')}
                      {s.lastMet ? ` · last met ${formatDate(s.lastMet.startsAt, locale, timeZone)}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {text('role', 'Role')}
        <Field id={`${base}-organisation`} label="Organisation" errors={errors('organisation')}>
          {(describedBy, invalid) => (
            <input
              id={`${base}-organisation`}
              list={orgList}
              value={person.organisation}
              autoComplete="off"
              enterKeyHint="next"
              onChange={(e) => {
                const match = orgs.find((o) => o.name.toLowerCase() === e.target.value.trim().toLowerCase());
                // The sector defaults to the organisation's, unless the user already chose one.
                set({ organisation: e.target.value, ...(match?.sector && !person.sector ? { sector: match.sector } : {}) });
              }}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <datalist id={orgList}>
          {orgs.map((o) => (
            <option key={o.name} value={o.name} />
          ))}
        </datalist>
        <Field id={`${base}-sector`} label="Sector" errors={errors('sector')}>
          {(describedBy, invalid) => (
            <input
              id={`${base}-sector`}
              list={sectorList}
              value={person.sector}
              autoComplete="off"
              enterKeyHint="next"
              onChange={(e) => set({ sector: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <datalist id={sectorList}>
          {sectors.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>

      {/* Said on screen, not only to a screen reader: "Mentioned" means talked about, not there. */}
      <p id={`${base}-how`} className="mt-3 text-sm font-medium">
        How you met them <span className="font-normal text-zinc-600 dark:text-zinc-400">(Mentioned: talked about, not there)</span>
      </p>
      <div role="radiogroup" aria-labelledby={`${base}-how`} className="mt-1 grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
        {RELATIONS.map((r) => (
          <label
            key={r}
            className={`flex min-h-10 cursor-pointer items-center justify-center rounded-md text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-500 ${
              person.relation === r ? 'bg-white shadow-sm dark:bg-zinc-950' : 'text-zinc-600 dark:text-zinc-400'
            }`}
          >
            <input type="radio" className="sr-only" name={`${base}-relation`} value={r} checked={person.relation === r} onChange={() => set({ relation: r })} />
            {RELATION_LABEL[r]}
          </label>
        ))}
      </div>

      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {text('notes', 'A line of notes')}
        {text('email', 'Email', { type: 'email', inputMode: 'email', autoComplete: 'off' })}
      </div>
      <div className="mt-3">
        <TagInput id={`${base}-topics`} label="Topics with them" value={person.topics} onChange={(topics) => set({ topics })} errors={errors('topics')} />
      </div>
    </fieldset>
  );
}

function KnownPanel({ person, locale, timeZone, onUnlink }: { person: PersonDraft; locale: string; timeZone: string; onUnlink: () => void }) {
  const k = person.known;
  return (
    <div className="mb-3 rounded-lg bg-emerald-50 p-3 text-sm dark:bg-emerald-950/40">
      <p className="flex items-center gap-1.5 font-medium text-emerald-800 dark:text-emerald-200">
        <UserCheck aria-hidden className="size-4" /> Someone you know
        <Link href={`/people/${person.id}`} className="ml-auto inline-flex min-h-11 items-center px-1 font-normal underline" target="_blank">
          Their page
        </Link>
      </p>
      {k?.lastMet ? (
        <p className="mt-1">
          Last met at{' '}
          <Link className="underline" href={`/events/${k.lastMet.eventId}`}>
            {k.lastMet.title}
          </Link>
          , {formatDate(k.lastMet.startsAt, locale, timeZone)}
        </p>
      ) : null}
      {k?.topics.length ? <p className="mt-1">Talked about {k.topics.join(', ')}</p> : null}
      {k?.openFollowUps.length ? (
        <ul className="mt-1 list-disc pl-5">
          {k.openFollowUps.map((f) => (
            <li key={f.id}>
              Still to do: {f.action}
              {f.dueOn ? ` (due ${formatDay(f.dueOn, locale)})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" onClick={onUnlink} className="mt-1 min-h-11 text-zinc-600 underline dark:text-zinc-400">
        Not them? Unlink
      </button>
    </div>
  );
}
