import Link from 'next/link';
import type { DuplicatePair, DuplicateSide } from '@/lib/people/duplicates';
import { fromParam } from '@/lib/people/merge';
import { NotSameButton, PairRow } from './pair-list';

/**
 * One likely pair as a person's page and an event's page list it: the other record (after `children`, a lead-in such
 * as "Priya Sha may be"), why they look alike and how often the other was met, and the ways to compare and merge them or to keep them as two
 * people. Inside a PairGroup, which hides it once answered and holds the undo.
 */
export function PossiblePair({
  pair,
  other,
  from,
  children,
}: {
  pair: DuplicatePair;
  other: DuplicateSide;
  /** The event page listing it: the merge leads back there. */
  from?: string;
  children?: React.ReactNode;
}) {
  return (
    <PairRow personId={pair.a.id} otherId={pair.b.id}>
      <li className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0">
          {children}
          <Link href={`/people/${other.id}`} className="font-medium hover:underline">
            {other.displayName}
          </Link>
          <span className="block text-xs text-zinc-500">
            {pair.reason} · {other.encounters === 1 ? 'met once' : other.encounters ? `met ${other.encounters} times` : 'never met'}
          </span>
        </span>
        <span className="flex flex-wrap gap-x-4">
          <Link
            href={`/people/merge?keep=${pair.a.id}&other=${pair.b.id}${fromParam(from)}`}
            className="inline-flex min-h-11 items-center text-accent-700 hover:underline dark:text-accent-400"
          >
            Compare and merge
          </Link>
          <NotSameButton personId={pair.a.id} otherId={pair.b.id} names={`${pair.a.displayName} and ${pair.b.displayName}`} />
        </span>
      </li>
    </PairRow>
  );
}
