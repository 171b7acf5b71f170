import type { ComponentProps } from 'react';
import { Field, inputClass, withCount, type FieldProps } from './field';

/** A textarea inside a Field. */
export function TextAreaField({
  id,
  label,
  hint,
  errors,
  className,
  limit,
  ...textarea
}: Omit<FieldProps, 'children'> & ComponentProps<'textarea'> & { limit?: number }) {
  return (
    <Field id={id} label={label} hint={withCount(hint, limit, textarea.value, errors)} errors={errors} className={className}>
      {(describedBy, invalid) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={`${inputClass} min-h-24`} {...textarea} />
      )}
    </Field>
  );
}
