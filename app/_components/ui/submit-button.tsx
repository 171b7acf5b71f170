'use client';

import { useFormStatus } from 'react-dom';
import type { ComponentProps } from 'react';
import { buttonClass, type Variant } from './button-class';

/**
 * A submit button that disables itself while its form is being sent, so a double tap sends once. It draws its own
 * <button> (from button-class.ts) rather than <Button>, so a form's chunk does not carry button.tsx's Link.
 */
export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  className = '',
  ...props
}: ComponentProps<'button'> & { variant?: Variant; pendingText?: string }) {
  const { pending } = useFormStatus();
  // A button named by aria-label (which says what it acts on) would go on being read as that while it shows "Merging…".
  const label = pending && pendingText && props['aria-label'] ? pendingText : props['aria-label'];
  return (
    <button
      {...props}
      aria-label={label}
      type="submit"
      disabled={pending || props.disabled}
      aria-disabled={pending || undefined}
      className={buttonClass(variant, className)}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
