'use client';

import { X } from 'lucide-react';
import { useId, useState } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { moveThroughSuggestions } from '@/app/_components/ui/suggestion-keys';
import { useLiveSearch } from '@/app/_components/ui/use-live-search';

interface Found {
  id: string;
  label: string;
  detail: string;
}

const peopleUrl = (q: string) => `/api/v1/people?${new URLSearchParams({ q, limit: '8' })}`;
function readPeople(body: unknown): Found[] {
  const { items } = body as {
    items: { id: string; name: string | null; displayName: string; role: string | null; organisation: { name: string } | null }[];
  };
  return items.map((p) => ({ id: p.id, label: p.displayName, detail: p.name ? [p.role, p.organisation?.name].filter(Boolean).join(', ') : '' }));
}

/**
 * Who a follow-up is with: type part of a name, role or organisation and pick from the user's people, found by
 * the same search as the People page (typos included). A select of the 300 most recently met could not reach
 * anyone else in an address book of thousands. The chosen id travels in a hidden `name` field; text typed but
 * not picked travels as a value the server refuses, so the save answers "Choose a person from the list" beside
 * the field (with everything typed kept) instead of silently saving it with no one.
 */
export function PersonPicker({
  id,
  name,
  label,
  initial,
  errors,
  filter = false,
}: {
  id: string;
  name: string;
  label: string;
  initial?: { id: string; label: string } | null;
  errors?: string[];
  /** A filter of a GET form: text typed but not picked filters by no one, rather than being refused. */
  filter?: boolean;
}) {
  const [chosen, setChosen] = useState(initial ?? null);
  const [text, setText] = useState(initial?.label ?? '');
  const { items: found, search, clear: forget } = useLiveSearch(peopleUrl, readPeople);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const unpicked = !chosen && text.trim() !== '';

  function pick(p: { id: string; label: string }) {
    setChosen(p);
    setText(p.label);
    forget();
    setOpen(false);
  }

  function clear() {
    setChosen(null);
    setText('');
    forget();
  }

  return (
    <Field
      id={id}
      label={label}
      errors={errors}
      hint={
        chosen ? undefined : unpicked ? `Pick them from the list to ${filter ? 'filter by them' : 'link them'}.` : 'Type part of a name, role or organisation.'
      }
    >
      {(describedBy, invalid) => (
        <div
          className="relative"
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            else moveThroughSuggestions(e);
          }}
        >
          <input type="hidden" name={name} value={chosen?.id ?? (unpicked && !filter ? 'not-picked' : '')} />
          <input
            id={id}
            type="text"
            value={text}
            autoComplete="off"
            maxLength={200}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={`${inputClass} ${chosen ? 'pr-12' : ''}`}
            role="combobox"
            aria-expanded={open && found.length > 0}
            aria-controls={open && found.length > 0 ? listId : undefined}
            aria-autocomplete="list"
            onChange={(e) => {
              setText(e.target.value);
              setChosen(null);
              setOpen(true);
              search(e.target.value);
            }}
            onKeyDown={(e) => {
              // Enter in the box picks the first match rather than sending the form half-filled.
              if (e.key === 'Enter' && open && found[0]) {
                e.preventDefault();
                pick(found[0]);
              }
            }}
          />
          {chosen ? (
            <button
              type="button"
              onClick={clear}
              className="absolute top-0 right-0 grid size-11 place-items-center text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200"
            >
              <X aria-hidden className="size-4" />
              <span className="sr-only">Clear {label}</span>
            </button>
          ) : null}
          <p role="status" className="sr-only">
            {open && found.length ? `${found.length === 1 ? 'One person' : `${found.length} people`} found: press Down to choose.` : ''}
          </p>
          {open && found.length ? (
            <ul
              id={listId}
              aria-label="Matching people"
              className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
            >
              {found.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(p)}
                    className="block min-h-11 w-full px-3 py-2 text-left text-sm hover:bg-zinc-100 focus:bg-zinc-100 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
                  >
                    <span className="font-medium">{p.label}</span>
                    {p.detail ? <span className="block text-xs text-zinc-500">{p.detail}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </Field>
  );
}
