'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { queryOf } from '@/app/_components/forms/query-of';
import { inputClass } from '@/app/_components/ui/field';

/**
 * The facts' search box: it searches as you type (after a pause, replacing the history entry), as People does; the
 * button and Enter still submit the form, and without JavaScript it is a plain GET form field.
 */
export function FactSearchBox({ q }: { q: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [, start] = useTransition();
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <input
      id="q"
      name="q"
      type="search"
      defaultValue={q}
      maxLength={200}
      placeholder="e.g. 80% mobile"
      className={inputClass}
      onChange={(e) => {
        const form = e.currentTarget.form;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          if (!form) return;
          const qs = queryOf(form);
          start(() => router.replace(qs ? `/facts?${qs}` : '/facts', { scroll: false }));
        }, 400);
      }}
    />
  );
}
