'use client';

import { X } from 'lucide-react';
import { useId, useState } from 'react';
import { inputClass } from '@/app/_components/ui/field';
import { useSuggest } from './use-suggest';

/** Topics as removable tags; Enter or comma adds one, matched case-insensitively, with autocomplete. */
export function TagInput({
  id,
  label,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  errors?: string[];
}) {
  const [text, setText] = useState('');
  const listId = useId();
  const suggestions = useSuggest<string>('topics', text, true, 1).filter((s) => !value.some((v) => v.toLowerCase() === s.toLowerCase()));
  const add = (raw: string) => {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !value.some((v) => v.toLowerCase() === name.toLowerCase())) onChange([...value, name]);
    setText('');
  };
  const invalid = !!errors?.length;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {value.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label} added`}>
          {value.map((tag) => (
            <li key={tag.toLowerCase()}>
              <span className="inline-flex min-h-11 items-center rounded-full bg-accent-50 pl-3 text-sm text-accent-700 dark:bg-accent-900/40 dark:text-accent-100">
                {tag}
                <button
                  type="button"
                  onClick={() => onChange(value.filter((v) => v !== tag))}
                  className="grid size-11 place-items-center rounded-full hover:bg-accent-100 dark:hover:bg-accent-900"
                >
                  <X aria-hidden className="size-3.5" />
                  <span className="sr-only">Remove topic {tag}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        list={listId}
        value={text}
        enterKeyHint="enter"
        autoComplete="off"
        placeholder="Type a topic, then Enter"
        aria-describedby={`${id}-hint ${id}-error`}
        aria-invalid={invalid || undefined}
        className={inputClass}
        onChange={(e) => {
          const v = e.target.value;
          const inputType = (e.nativeEvent as InputEvent).inputType;
          // A comma finishes a tag, as on most tag inputs; a pick from the list (no typing) arrives whole.
          if (v.endsWith(',')) add(v.slice(0, -1));
          else if ((!inputType || inputType === 'insertReplacementText') && suggestions.includes(v)) add(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(text);
          } else if (e.key === 'Backspace' && !text && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => text.trim() && add(text)}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className="sr-only">
        Press Enter or type a comma to add each topic.
      </p>
      <div id={`${id}-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </div>
  );
}
