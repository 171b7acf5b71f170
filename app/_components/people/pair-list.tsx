'use client';

import { createContext, use, useCallback, useState, useTransition } from 'react';
import { notSamePersonAction, sameAgainAction } from '@/app/(app)/people/actions';
import { useToast, type Toast } from '@/app/_components/ui/toast';

interface PairsState {
  hidden: ReadonlySet<string>;
  setHidden: (key: string, hidden: boolean) => void;
  notify: (t: Toast) => void;
}

const Pairs = createContext<PairsState | null>(null);

/** The key a pair's row goes by: the two ids, in the order the pair lists them. */
export const pairKey = (personId: string, otherId: string) => `${personId}:${otherId}`;

/**
 * Possible duplicates, some of which may be answered "Not the same person". The group hides an answered row at once
 * and keeps its undo toast, which outlives the row and, once every pair is answered, the group itself (`empty` shows
 * then). The page is not refreshed: any other page that lists the pair reads it afresh when opened.
 */
export function PairGroup({ count, empty = null, children }: { count: number; empty?: React.ReactNode; children: React.ReactNode }) {
  const { show, view } = useToast();
  const [hidden, setAll] = useState<ReadonlySet<string>>(new Set());
  const setHidden = useCallback(
    (key: string, hide: boolean) =>
      setAll((now) => {
        const next = new Set(now);
        if (hide) next.add(key);
        else next.delete(key);
        return next;
      }),
    [],
  );
  return (
    <Pairs value={{ hidden, setHidden, notify: show }}>
      {hidden.size >= count ? empty : children}
      {view}
    </Pairs>
  );
}

/** One pair's row: gone once answered "Not the same person", back on undo. */
export function PairRow({ personId, otherId, children }: { personId: string; otherId: string; children: React.ReactNode }) {
  const pairs = use(Pairs);
  return pairs?.hidden.has(pairKey(personId, otherId)) ? null : children;
}

/** Says two records are two people: the pair is offered no more, on any page; the toast can take it back. */
export function NotSameButton({ personId, otherId, names, className }: { personId: string; otherId: string; names: string; className?: string }) {
  const pairs = use(Pairs);
  const [pending, start] = useTransition();
  if (!pairs) return null;
  const key = pairKey(personId, otherId);
  const failed = (message?: string) => {
    pairs.setHidden(key, false);
    pairs.notify({ message: message ?? 'Something went wrong. Nothing was changed.' });
  };
  return (
    <button
      type="button"
      disabled={pending}
      className={
        className ??
        'inline-flex min-h-11 items-center text-zinc-600 hover:text-zinc-900 hover:underline disabled:opacity-60 dark:text-zinc-400 dark:hover:text-zinc-100'
      }
      onClick={() =>
        start(async () => {
          pairs.setHidden(key, true);
          const r = await notSamePersonAction(personId, otherId).catch(() => ({
            ok: false as const,
            message: 'Could not reach Rapport. Nothing was changed.',
          }));
          if (!r.ok) return failed(r.message);
          pairs.notify({
            message: `Kept as two people: ${names}`,
            undo: async () => {
              const back = await sameAgainAction(personId, otherId).catch(() => ({ ok: false as const, message: 'Could not reach Rapport.' }));
              if (back.ok) pairs.setHidden(key, false);
              else pairs.notify({ message: back.message ?? 'Something went wrong.' });
            },
          });
        })
      }
    >
      Not the same person<span className="sr-only">: {names}</span>
    </button>
  );
}
