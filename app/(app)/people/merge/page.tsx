import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { listFacts, listTimeline } from '@/lib/people/history';
import { getPerson, type PersonView } from '@/lib/people/queries';
import { fromParam, mergeFrom } from '@/lib/people/merge';
import { listSectorChoices } from '@/lib/sectors/queries';
import { mergedInto } from '@/lib/merges/list';
import { MergeForm, type MergeSide } from './merge-form';

export const metadata: Metadata = { title: 'Merge two people' };

async function side(userId: string, id: string, sectorName: (id: string | null) => string): Promise<MergeSide> {
  const p: PersonView = await getPerson(userId, id);
  const [timeline, facts] = await Promise.all([listTimeline(userId, id), listFacts(userId, id)]);
  return {
    id: p.id,
    version: p.version,
    displayName: p.displayName,
    fields: {
      name: p.name ?? '',
      role: p.role ?? '',
      organisationId: p.organisation?.name ?? '',
      sectorId: p.ownSectorId ? sectorName(p.ownSectorId) : '',
      email: p.email ?? '',
      phone: p.phone ?? '',
    },
    encounters: timeline.length,
    facts: facts.length,
    notes: p.notes,
  };
}

export default async function MergePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const raw = await searchParams;
  const ids = z.object({ keep: z.uuid(), other: z.uuid() }).safeParse(raw);
  if (!ids.success || ids.data.keep === ids.data.other) notFound();
  const sectors = await listSectorChoices(user.id);
  const sectorName = (id: string | null) => sectors.find((s) => s.id === id)?.name ?? '';
  let keep: MergeSide, other: MergeSide;
  try {
    [keep, other] = await Promise.all([side(user.id, ids.data.keep, sectorName), side(user.id, ids.data.other, sectorName)]);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    // Merged already (the phone's Back after merging): the person they became, not "not found".
    let kept = (await mergedInto(user.id, ids.data.other)) ?? (await mergedInto(user.id, ids.data.keep));
    // Merged on since (into a third record): where they are now, a few merges along at most.
    for (let hop = 0, next = kept; hop < 5 && next; hop++) if ((next = await mergedInto(user.id, next))) kept = next;
    if (kept) redirect(`/people/${kept}?alreadyMerged=1`);
    notFound();
  }
  // Begun on an event's page ("Already in your contacts?"): the way back leads there, before and after the merge.
  const from = mergeFrom.safeParse(raw.from).success ? (raw.from as string) : undefined;
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href={from ?? '/people/duplicates'} className="text-accent-700 hover:underline dark:text-accent-400">
          {from ? 'Back to the event' : 'Possible duplicates'}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">Merge two people</h1>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">
        Every encounter, fact, follow-up and note of both ends up on one person. Where they disagree, choose what to keep.
      </p>
      <MergeForm keep={keep} other={other} from={from} swapHref={`/people/merge?keep=${other.id}&other=${keep.id}${fromParam(from)}`} />
    </>
  );
}
