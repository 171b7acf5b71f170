'use client';

import { TextSearch } from 'lucide-react';
import type { DraftPart, DraftSource } from '@/lib/posts/types';

const KIND_LABEL: Record<DraftSource['kind'], string> = {
  event: '',
  summary: 'Event summary',
  person: 'Person',
  topic: 'Topic',
  fact: 'Fact',
  'follow-up': 'Follow-up',
  reflection: 'Your reflection',
  setting: 'Setting',
};

/**
 * "Where this draft came from": each generated sentence with the encounter, fact, topic or follow-up it was
 * written from. "Show in the draft" selects the sentence in the editor, so the user can check and change it
 * quickly; a sentence the user has since rewritten is marked as edited.
 */
export function SourcesPanel({ parts, markdown, onFind }: { parts: DraftPart[]; markdown: string; onFind: (text: string) => void }) {
  const generated = parts.filter((p) => p.from.length > 0);
  if (generated.length === 0) return null;
  return (
    <details className="self-start rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 text-sm font-semibold">
        <TextSearch aria-hidden className="size-4" />
        Where this draft came from
      </summary>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Each sentence Rapport wrote, and what it was written from.</p>
      <ol className="mt-3 space-y-3" aria-label="Sentences and their sources">
        {generated.map((part, i) => {
          const present = markdown.includes(part.text);
          return (
            <li key={i} className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
              <p className="wrap-anywhere">{part.text}</p>
              <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Written from">
                {part.from.map((f, j) => (
                  <li
                    key={j}
                    className="max-w-full rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 wrap-anywhere dark:bg-zinc-800 dark:text-zinc-300"
                  >
                    {KIND_LABEL[f.kind] ? <span className="font-medium">{KIND_LABEL[f.kind]}: </span> : null}
                    {f.label}
                  </li>
                ))}
              </ul>
              {present ? (
                <button
                  type="button"
                  onClick={() => onFind(part.text)}
                  className="mt-2 inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-medium text-accent-700 hover:bg-zinc-100 dark:text-accent-400 dark:hover:bg-zinc-800"
                >
                  Show in the draft
                </button>
              ) : (
                <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">You have edited this sentence since.</p>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
