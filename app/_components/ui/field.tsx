import type { ComponentProps, ReactNode } from 'react';

/** A text input, select or textarea (app/globals.css: named once rather than spelled out in every field's HTML). */
export const inputClass = 'field-input';

/** A label (or legend) above a filter or search box, where no Field is wrapped around the input. */
export const labelClass = 'field-label';

export interface FieldProps {
  /** The input's id; the label, hint and error are tied to it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  className?: string;
}

/** A labelled form control with its hint and its errors, announced to screen readers. */
export function Field({ id, label, hint, errors, children, className = '' }: FieldProps) {
  const invalid = !!errors?.length;
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`space-y-1.5 ${className}`}>
      <label htmlFor={id} className="field-label mb-0">
        {label}
      </label>
      {children(describedBy, invalid)}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </div>
  );
}

/**
 * With a `limit` and a controlled value: past 80% of the limit the hint counts the characters, and past the
 * limit it says so, in red, unless the field's error says it already ("Keep it to 200 characters"). Nothing is cut
 * off (a maxLength would silently truncate a paste): the server's check refuses the save and keeps the text.
 */
export function withCount(hint: ReactNode, limit: number | undefined, value: unknown, errors?: string[]): ReactNode {
  if (!limit || typeof value !== 'string' || value.length <= limit * 0.8) return hint;
  const over = value.length > limit;
  const said = errors?.some((e) => e.includes(`${limit.toLocaleString('en-GB')} characters`));
  const count = (
    <span className={over ? 'font-medium text-red-600 dark:text-red-400' : undefined}>
      {value.length.toLocaleString('en-GB')} of {limit.toLocaleString('en-GB')} characters{over && !said ? ': too long to save' : ''}
    </span>
  );
  return hint ? (
    <>
      {hint} {count}
    </>
  ) : (
    count
  );
}

/** A text input inside a Field. */
export function TextField({
  id,
  label,
  hint,
  errors,
  className,
  limit,
  ...input
}: Omit<FieldProps, 'children'> & ComponentProps<'input'> & { limit?: number }) {
  return (
    <Field id={id} label={label} hint={withCount(hint, limit, input.value, errors)} errors={errors} className={className}>
      {(describedBy, invalid) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} {...input} />}
    </Field>
  );
}
