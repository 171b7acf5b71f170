'use client';

import { createContext, use, useCallback, useRef, useState, useTransition } from 'react';
import { flushSync } from 'react-dom';
import { notSamePersonAction, sameAgainAction } from '@/app/(app)/people/actions';
import { notSameOrganisationAction, sameOrganisationAgainAction } from '@/app/(app)/organisations/actions';
import { useToast, type Toast } from '@/app/_components/ui/toast';
import { buttonClass } from '@/app/_components/ui/button-class';
import { pairKey } from './pair-key';

interface PairsState {
  hidden: ReadonlySet<string>;
  setHidden: (key: string, hidden: boolean) => void;
  notify: (t: Toast) => void;
  /** Where focus goes when the answered row was the last one it could move on to. */
  fallback: React.RefObject<HTMLDivElement | null>;
}

const Pairs = createContext<PairsState | null>(null);

/**
 * Possible duplicates (`pairs`, as pairKey), some of which may be answered "Not the same person". The group hides an
 * answered row at once and keeps its undo toast, which outlives the row and, once every pair listed is answered, the
 * group itself (`empty` shows then). The page is not refreshed: any other page that lists the pair reads it afresh.
 */
export function PairGroup({ pairs, empty = null, children }: { pairs: string[]; empty?: React.ReactNode; children: React.ReactNode }) {
  const { show, view } = useToast();
  const [hidden, setAll] = useState<ReadonlySet<string>>(new Set());
  const fallback = useRef<HTMLDivElement>(null);
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
  // Counted against the pairs the page lists now: one read afresh (after another change on the page) that no longer
  // lists an answered pair leaves the others shown. None listed at all is `empty` too.
  const allAnswered = pairs.every((k) => hidden.has(k));
  return (
    <Pairs value={{ hidden, setHidden, notify: show, fallback }}>
      <div ref={fallback} tabIndex={-1} className="outline-none">
        {allAnswered ? empty : children}
      </div>
      {view}
    </Pairs>
  );
}

/** One pair's row (two people, or two organisations): gone once answered "Not the same", back on undo. */
export function PairRow({ id, otherId, children }: { id: string; otherId: string; children: React.ReactNode }) {
  const pairs = use(Pairs);
  return pairs?.hidden.has(pairKey(id, otherId)) ? null : children;
}

/** The answer and its undo, and what they are called, for each kind of record a pair can be of. */
const KINDS = {
  people: { answer: notSamePersonAction, undo: sameAgainAction, label: 'Not the same person', spoken: 'Not the same person', kept: 'Kept as two people' },
  // Under a heading that says "organisation", the short label keeps both of a pair's buttons on one line of a phone.
  organisations: {
    answer: notSameOrganisationAction,
    undo: sameOrganisationAgainAction,
    label: 'Not the same',
    spoken: 'Not the same organisation',
    kept: 'Kept as two organisations',
  },
};

/**
 * Says two records are two people (or, `of` organisations, two organisations): the pair is offered no more, on any
 * page; the toast can take it back. `names` tells a screen reader which pair (two namesakes by their organisation or
 * email); `short` is what the toast says.
 */
export function NotSameButton({
  id,
  otherId,
  names,
  short,
  of = 'people',
  className,
}: {
  id: string;
  otherId: string;
  names: string;
  short: string;
  of?: keyof typeof KINDS;
  className?: string;
}) {
  const kind = KINDS[of];
  const pairs = use(Pairs);
  const [pending, start] = useTransition();
  if (!pairs) return null;
  const key = pairKey(id, otherId);
  const failed = (message?: string) => {
    pairs.setHidden(key, false);
    pairs.notify({ message: message ?? 'Something went wrong. Nothing was changed.' });
  };
  return (
    <button
      type="button"
      disabled={pending}
      // The visible words first, then which pair (a span hidden but for screen readers is read apart, with a pause).
      aria-label={`${kind.spoken}: ${names}`}
      className={className ?? buttonClass('secondary', 'px-3')}
      onClick={(e) => {
        // Focus moves on to the next pair (or the one before), not to the top of the page, as the row goes.
        const row = e.currentTarget.closest('li');
        const next = [row?.nextElementSibling, row?.previousElementSibling]
          // Its first button (the choice to make), not its first link (which would open the record on Enter).
          .map((r) => r?.querySelector<HTMLElement>('button') ?? r?.querySelector<HTMLElement>('a'))
          .find((el): el is HTMLElement => !!el);
        // Hidden at once, not when the server has answered (an update inside the transition would wait for it).
        flushSync(() => pairs.setHidden(key, true));
        (next?.isConnected ? next : pairs.fallback.current)?.focus();
        start(async () => {
          const r = await kind.answer(id, otherId).catch(() => ({
            ok: false as const,
            message: 'Could not reach Rapport. Nothing was changed.',
          }));
          if (!r.ok) return failed(r.message);
          pairs.notify({
            message: `${kind.kept}: ${short}`,
            undo: async () => {
              const back = await kind.undo(id, otherId).catch(() => ({ ok: false as const, message: 'Could not reach Rapport.' }));
              if (back.ok) pairs.setHidden(key, false);
              else pairs.notify({ message: back.message ?? 'Something went wrong.' });
            },
          });
        });
      }}
    >
      {kind.label}
    </button>
  );
}
