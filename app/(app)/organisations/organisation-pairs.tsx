import { CopyCheck } from 'lucide-react';
import Link from 'next/link';
import { Card } from '@/app/_components/ui/card';
import { NotSameButton, PairGroup, PairRow } from '@/app/_components/pairs/pair-list';
import { pairKey } from '@/app/_components/pairs/pair-key';
import type { OrganisationBrief, OrganisationPair } from '@/lib/organisations/duplicates';
import { MergeAlikeButton } from './[id]/organisation-forms';

/** Why two names look like one organisation, in words. */
function why(pair: OrganisationPair): string {
  if (pair.reason === 'name') return 'nearly the same name';
  if (pair.reason === 'spelling') return 'spelt a letter apart';
  const [short, long] = [pair.keep.name, pair.other.name].sort((x, y) => x.length - y.length);
  return `${short} may be short for ${long}`;
}

const count = (o: OrganisationBrief) => `${o.people} ${o.people === 1 ? 'person' : 'people'}`;

/** One pair: both names, why, how many people each has and which name a merge keeps; merge it, or keep the two. */
function PairItem({ pair, here }: { pair: OrganisationPair; here?: string }) {
  const [keep, other] = here === pair.other.id ? [pair.other, pair.keep] : [pair.keep, pair.other];
  const names = `${keep.name} and ${other.name}`;
  return (
    <PairRow id={pair.keep.id} otherId={pair.other.id}>
      <li className="flex flex-col gap-2">
        <p className="min-w-0 wrap-anywhere">
          {here ? null : (
            <>
              <Link href={`/organisations/${keep.id}`} className="font-medium text-accent-700 hover:underline dark:text-accent-400">
                {keep.name}
              </Link>{' '}
              and{' '}
            </>
          )}
          <Link href={`/organisations/${other.id}`} className="font-medium text-accent-700 hover:underline dark:text-accent-400">
            {other.name}
          </Link>
          <span className="block text-xs text-zinc-500">
            {why(pair)} · {here ? count(other) : `${count(keep)}, ${count(other)}`} · merging keeps {keep.name}
          </span>
        </p>
        <span className="flex flex-wrap gap-2">
          <MergeAlikeButton id={keep.id} otherId={other.id} label={here ? 'Merge it into this one' : 'Merge'} names={`${other.name} into ${keep.name}`} />
          <NotSameButton of="organisations" id={pair.keep.id} otherId={pair.other.id} names={names} short={names} />
        </span>
      </li>
    </PairRow>
  );
}

/**
 * Organisations that may be one, each with a one-tap merge (into the one with more people, or into `here`, the
 * organisation whose page this is) and "Not the same organisation". Answered rows go at once and their toast can undo.
 * Past the first `shown`, the rest are folded, so that the page's own list is not pushed off the screen.
 */
export function OrganisationPairs({ pairs, here, title, shown = 3 }: { pairs: OrganisationPair[]; here?: string; title: string; shown?: number }) {
  if (pairs.length === 0) return null;
  const rest = pairs.slice(shown);
  return (
    <PairGroup pairs={pairs.map((p) => pairKey(p.keep.id, p.other.id))}>
      <Card>
        <h2 className="mb-3 flex items-center gap-2 text-base font-semibold">
          <CopyCheck aria-hidden className="size-4 text-zinc-500" /> {title}
          {pairs.length > 1 ? <span className="font-normal text-zinc-500">({pairs.length})</span> : null}
        </h2>
        <ul className="space-y-4 text-sm">
          {pairs.slice(0, shown).map((p) => (
            <PairItem key={pairKey(p.keep.id, p.other.id)} pair={p} here={here} />
          ))}
        </ul>
        {rest.length ? (
          <details className="mt-4 text-sm">
            <summary className="min-h-11 cursor-pointer content-center font-medium text-accent-700 dark:text-accent-400">
              {rest.length} more {rest.length === 1 ? 'pair' : 'pairs'}
            </summary>
            <ul className="mt-2 space-y-4">
              {rest.map((p) => (
                <PairItem key={pairKey(p.keep.id, p.other.id)} pair={p} here={here} />
              ))}
            </ul>
          </details>
        ) : null}
      </Card>
    </PairGroup>
  );
}
