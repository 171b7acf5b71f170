import Link from 'next/link';
import type { DuplicatePair, DuplicateSide } from '@/lib/people/duplicates';

/**
 * One likely pair as a person's page and an event's page list it: the other record (after `children`, a lead-in such
 * as "Priya Sha may be"), why they look alike and how often the other was met, and the way to compare and merge them.
 */
export function PossiblePair({ pair, other, children }: { pair: DuplicatePair; other: DuplicateSide; children?: React.ReactNode }) {
  return (
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
      <Link
        href={`/people/merge?keep=${pair.a.id}&other=${pair.b.id}`}
        className="inline-flex min-h-11 items-center text-accent-700 hover:underline dark:text-accent-400"
      >
        Compare and merge
      </Link>
    </li>
  );
}
