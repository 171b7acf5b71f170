import { CopyCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ButtonLink } from '@/app/_components/ui/button';
import { NotSameButton, PairGroup, PairRow } from '@/app/_components/pairs/pair-list';
import { pairKey } from '@/app/_components/pairs/pair-key';
import { pairWords } from '@/app/_components/people/possible-pair';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { listDuplicateSuggestions } from '@/lib/people/duplicates';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Possible duplicates' };

export default async function DuplicatesPage() {
  await connection();
  const user = await requireUser();
  const pairs = await listDuplicateSuggestions(user.id, { limit: 50 });
  const empty = (
    <EmptyState icon={<CopyCheck className="size-10" />} title="No duplicates found">
      When two records look like one person, they will show up here. Those you keep as two people are not asked about again.
    </EmptyState>
  );
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href="/people" className="text-accent-700 hover:underline dark:text-accent-400">
          People
        </Link>
      </p>
      <PageHeader
        title="Possible duplicates"
        description="The same email, the same name at the same organisation, or names that are nearly the same. Merging keeps every encounter, fact, follow-up and note of both; “Not the same person” keeps them apart and stops asking."
      />
      <PairGroup pairs={pairs.map((p) => pairKey(p.a.id, p.b.id))} empty={empty}>
        <ul className="space-y-3">
          {pairs.map((pair) => (
            <PairRow key={`${pair.a.id}-${pair.b.id}`} id={pair.a.id} otherId={pair.b.id}>
              <li className="flex flex-wrap items-center gap-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
                <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-2">
                  {[pair.a, pair.b].map((p) => (
                    <div key={p.id} className="min-w-0">
                      <Link href={`/people/${p.id}`} className="block truncate font-medium hover:underline">
                        {p.displayName}
                      </Link>
                      <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{[p.organisation, p.email].filter(Boolean).join(' · ') || '\u00a0'}</p>
                      <p className="text-xs text-zinc-500">
                        {p.encounters === 1 ? 'Met once' : p.encounters ? `Met ${p.encounters} times` : 'Never met'}
                        {p.lastMetAt ? `, last ${formatDate(p.lastMetAt, user.locale, user.timeZone, 'medium')}` : ''} · added{' '}
                        {formatDate(p.createdAt, user.locale, user.timeZone, 'medium')}
                      </p>
                    </div>
                  ))}
                  <p className="text-xs text-zinc-500 sm:col-span-2">Why: {pair.reason}</p>
                </div>
                <div className="flex flex-wrap items-center gap-x-3">
                  <ButtonLink href={`/people/merge?keep=${pair.a.id}&other=${pair.b.id}`} variant="secondary">
                    Compare and merge
                  </ButtonLink>
                  <NotSameButton id={pair.a.id} otherId={pair.b.id} {...pairWords(pair)} />
                </div>
              </li>
            </PairRow>
          ))}
        </ul>
      </PairGroup>
    </>
  );
}
