import Link from 'next/link';
import type { DuplicatePair, DuplicateSide } from '@/lib/people/duplicates';
import { fromParam } from '@/lib/people/merge';
import { buttonClass } from '@/app/_components/ui/button-class';
import { NotSameButton, PairRow } from '@/app/_components/pairs/pair-list';

/**
 * The two of a pair in words: `short` by name, `names` told apart (for a screen reader, where two namesakes would
 * otherwise be read alike) by their organisation and email.
 */
export function pairWords(pair: DuplicatePair): { names: string; short: string } {
  const tell = (s: DuplicateSide) =>
    [s.displayName, s.organisation && !s.displayName.includes(s.organisation) ? s.organisation : null, s.email].filter(Boolean).join(', ');
  const names = `${tell(pair.a)}; and ${tell(pair.b)}`;
  // Namesakes are told apart in the toast too ("John Smith and John Smith" says nothing of which two), by what differs.
  const by = (s: DuplicateSide) => (s.email ?? s.role ?? s.organisation) || null;
  const short =
    pair.a.displayName === pair.b.displayName
      ? [pair.a, pair.b].map((s) => (by(s) ? `${s.displayName} (${by(s)})` : s.displayName)).join(' and ')
      : `${pair.a.displayName} and ${pair.b.displayName}`;
  return { names, short };
}

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
  /**
   * The event page listing it: the merge leads back there, and keeps the one already known (`other`) by default, not
   * the one just typed there, whose spelling is the likelier slip.
   */
  from?: string;
  children?: React.ReactNode;
}) {
  const [keep, merged] = from ? [other.id, other.id === pair.a.id ? pair.b.id : pair.a.id] : [pair.a.id, pair.b.id];
  // What tells this one from a namesake: their email, else their role; and how often they were met.
  const met = other.encounters === 1 ? 'met once' : other.encounters ? `met ${other.encounters} times` : 'never met';
  return (
    <PairRow id={pair.a.id} otherId={pair.b.id}>
      <li className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0">
          {children}
          <Link href={`/people/${other.id}`} className="font-medium hover:underline">
            {other.displayName}
          </Link>
          <span className="block text-xs wrap-anywhere text-zinc-500">{[pair.reason, other.email ?? other.role, met].filter(Boolean).join(' · ')}</span>
        </span>
        <span className="flex flex-wrap gap-2">
          <Link href={`/people/merge?keep=${keep}&other=${merged}${fromParam(from)}`} className={buttonClass('secondary', 'px-3')}>
            Compare and merge
          </Link>
          <NotSameButton id={pair.a.id} otherId={pair.b.id} {...pairWords(pair)} />
        </span>
      </li>
    </PairRow>
  );
}
