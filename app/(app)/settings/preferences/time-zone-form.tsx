'use client';

import { useActionState, useSyncExternalStore } from 'react';
import { Field, inputClass } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { updateTimeZoneAction } from './actions';
import { deviceTimeZone } from '@/lib/device-time-zone';

const noSubscribe = () => () => {};

/** The time-zone picker, with a hint when this device is somewhere else. */
export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const [state, action] = useActionState<ActionResult, FormData>(updateTimeZoneAction, {});
  // The server cannot know the device's zone: null there, read in the browser after hydration.
  const device = useSyncExternalStore(noSubscribe, deviceTimeZone, () => null);
  const value = state.values?.timeZone ?? current;
  const e = state.fieldErrors ?? {};

  return (
    <form action={action} noValidate className="space-y-3">
      <Field
        id="timeZone"
        label="Time zone"
        hint={
          device && device !== value
            ? `This device is set to ${device}. Change it here if you have moved.`
            : 'Decides when a follow-up becomes due today or overdue.'
        }
        errors={e.timeZone}
      >
        {(describedBy, invalid) => (
          <select
            key={value}
            id="timeZone"
            name="timeZone"
            defaultValue={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={`${inputClass} max-w-sm`}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText="Saving…">
          Save time zone
        </SubmitButton>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-600'}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
