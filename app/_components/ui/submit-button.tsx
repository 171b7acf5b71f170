'use client';

import { useFormStatus } from 'react-dom';
import type { ComponentProps } from 'react';
import { Button } from './button';

/** A submit button that disables itself while its form is being sent, so a double tap sends once. */
export function SubmitButton({ children, pendingText, ...props }: ComponentProps<typeof Button> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending || undefined} {...props}>
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}
