import { CopyCheck } from 'lucide-react';
import Link from 'next/link';
import { Card } from '@/app/_components/ui/card';
import { NotSameButton, PairGroup, PairRow } from '@/app/_components/pairs/pair-list';
import { pairKey } from '@/app/_components/pairs/pair-key';
import type { OrganisationBrief, OrganisationPair } from '@/lib/organisations/duplicates';
import { MergeAlikeButton } from './[id]/organisation-forms';

/** Why two names look like one organisation, in words. */
function why(pair: OrganisationPair): string {
  if (pair.reason === 'name') return 'the same name, written differently';
  if (pair.reason === 'spelling') return 'spelt a letter apart';
  const [short, long] = [pair.keep.name, pair.other.name].sort((x, y) => x.length - y.length);
  return `${short} may be short for ${long}`;
}

const count = (o: OrganisationBrief) => `${o.people} ${o.people === 1 ? 'person' : 'people'}`;

/**
 * Organisations that may be one, each with a one-tap merge (into the one with more people, or into `here`, the
 * organisation whose page this is) and "Not the same organisation". Answered rows go at once and their toast can undo.
 */
export function OrganisationPairs({ pairs, here, title }: { pairs: OrganisationPair[]; here?: string; title: string }) {
  if (pairs.length === 0) return null;
  return (
    <PairGroup pairs={pairs.map((p) => pairKey(p.keep.id, p.other.id))}>
      <Card>
        <h2 className="mb-3 flex items-center gap-2 text-base font-semibold">
          <CopyCheck aria-hidden className="size-4 text-zinc-500" /> {title}
        </h2>
        <ul className="space-y-4 text-sm">
          {pairs.map((p) => {
            const [keep, other] = here === p.other.id ? [p.other, p.keep] : [p.keep, p.other];
            const names = `${other.name} and ${keep.name}`;
            return (
              <PairRow key={pairKey(p.keep.id, p.other.id)} personId={p.keep.id} otherId={p.other.id}>
                <li className="flex flex-col gap-2">
                  <p className="min-w-0 wrap-anywhere">
                    {here ? null : (
                      <>
                        <Link href={`/organisations/${keep.id}`} className="font-medium hover:underline">
                          {keep.name}
                        </Link>{' '}
                        and{' '}
                      </>
                    )}
                    <Link href={`/organisations/${other.id}`} className="font-medium hover:underline">
                      {other.name}
                    </Link>
                    <span className="block text-xs text-zinc-500">
                      {why(p)} · {here ? count(other) : `${count(keep)} and ${count(other)} · merging keeps ${keep.name}`}
                    </span>
                  </p>
                  <span className="flex flex-wrap gap-2">
                    <MergeAlikeButton
                      id={keep.id}
                      otherName={other.name}
                      label={here ? 'Merge it into this one' : 'Merge'}
                      names={`${other.name} into ${keep.name}`}
                    />
                    <NotSameButton of="organisations" personId={p.keep.id} otherId={p.other.id} names={names} short={names} />
                  </span>
                </li>
              </PairRow>
            );
          })}
        </ul>
      </Card>
    </PairGroup>
  );
}
