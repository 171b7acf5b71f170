'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import type { ActionResult } from '@/lib/forms';
import { mergePeopleAction } from '../actions';

const FIELDS = [
  ['name', 'Name'],
  ['role', 'Role'],
  ['organisationId', 'Organisation'],
  ['sectorId', 'Own sector'],
  ['email', 'Email'],
  ['phone', 'Phone'],
] as const;

export interface MergeSide {
  id: string;
  version: number;
  displayName: string;
  fields: Record<(typeof FIELDS)[number][0], string>;
  encounters: number;
  facts: number;
  notes: string | null;
}

/** Field-by-field choice where the two disagree; everything else is combined. */
export function MergeForm({ keep, other, swapHref, from }: { keep: MergeSide; other: MergeSide; swapHref: string; from?: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(mergePeopleAction, {});
  const disagree = FIELDS.filter(([f]) => keep.fields[f] && other.fields[f] && keep.fields[f] !== other.fields[f]);
  const agreeOrFill = FIELDS.filter(([f]) => !disagree.some(([d]) => d === f) && (keep.fields[f] || other.fields[f]));

  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="keepId" value={keep.id} />
      <input type="hidden" name="otherId" value={other.id} />
      {from ? <input type="hidden" name="from" value={from} /> : null}
      <input type="hidden" name="keepVersion" value={state.values?.keepVersion ?? keep.version} />
      <input type="hidden" name="otherVersion" value={state.values?.otherVersion ?? other.version} />
      <div id="form-message" aria-live="polite">
        {state.message ? <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">{state.message}</p> : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {[keep, other].map((p, i) => (
          <div key={p.id} className="rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            <p className="text-xs text-zinc-500">{i === 0 ? 'Keeps this record' : 'Folds into it'}</p>
            <Link href={`/people/${p.id}`} className="font-medium hover:underline">
              {p.displayName}
            </Link>
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">
              {p.encounters} {p.encounters === 1 ? 'encounter' : 'encounters'} · {p.facts} {p.facts === 1 ? 'fact' : 'facts'}
              {p.notes ? ' · has notes' : ''}
            </p>
          </div>
        ))}
      </div>
      {disagree.length ? (
        <div className="space-y-4">
          {disagree.map(([f, label]) => (
            <fieldset key={f} className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
              <legend className="px-1 text-sm font-medium">{label}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {(
                  [
                    ['keep', keep],
                    ['other', other],
                  ] as const
                ).map(([value, p]) => (
                  <label
                    key={value}
                    className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-zinc-200 px-3 py-2 text-sm has-[:checked]:border-accent-500 has-[:checked]:bg-accent-50 dark:border-zinc-700 dark:has-[:checked]:bg-accent-950"
                  >
                    <input
                      type="radio"
                      name={`choice.${f}`}
                      value={value}
                      defaultChecked={(state.values?.[`choice.${f}`] ?? 'keep') === value}
                      className="size-4 accent-accent-600"
                    />
                    <span className="min-w-0 wrap-anywhere">{p.fields[f]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">They don&rsquo;t disagree on any field.</p>
      )}
      {agreeOrFill.length ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Kept as is: {agreeOrFill.map(([f, label]) => `${label} (${keep.fields[f] || other.fields[f]})`).join(', ')}.
        </p>
      ) : null}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Notes and links of both are kept. If either asked not to be named in public, the merged person isn&rsquo;t.
      </p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingText="Merging…">Merge into one person</SubmitButton>
        <Link href={swapHref} className="inline-flex min-h-11 items-center text-sm text-accent-700 hover:underline dark:text-accent-400">
          Keep the other record instead
        </Link>
      </div>
    </form>
  );
}
