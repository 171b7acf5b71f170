import { ChevronRight } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { Card } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { getUndoableMerge } from '@/lib/merges/list';
import { listFilterOptions } from '@/lib/people/filter-options';
import { getOrganisation, listOrganisationEvents, listOrganisationFollowUps, listOrganisationPeople } from '@/lib/organisations/queries';
import { listSectorChoices } from '@/lib/sectors/queries';
import { MergedBanner } from '@/app/_components/merges/undo-merge';
import { MergeOrganisationForm, OrganisationForm } from './organisation-forms';
import { OrganisationPairs } from '../organisation-pairs';
import { listOrganisationPairs } from '@/lib/organisations/duplicates';
import { mergedNamesWords } from '@/lib/organisations/merged-names';
import { formatDate, formatDay } from '@/lib/dates';

export const metadata: Metadata = { title: 'Organisation' };

export default async function OrganisationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const organisation = await getOrganisation(user.id, id.data).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [people, events, followUps, sectors, options, alike] = await Promise.all([
    listOrganisationPeople(user.id, organisation.id),
    listOrganisationEvents(user.id, organisation.id),
    listOrganisationFollowUps(user.id, organisation.id),
    listSectorChoices(user.id),
    listFilterOptions(user.id),
    listOrganisationPairs(user.id, { about: organisation.id }),
  ]);
  const flags = await searchParams;
  const merge = await getUndoableMerge(user.id, flags.merged);

  return (
    <>
      <p className="mb-1 text-sm">
        <Link href="/organisations" className="text-accent-700 hover:underline dark:text-accent-400">
          Organisations
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{organisation.name}</h1>
      <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">
        {organisation.sector ? (
          <Link href={`/people?sector=${encodeURIComponent(organisation.sector.name)}`} className="hover:underline">
            {organisation.sector.name}
          </Link>
        ) : (
          'No sector'
        )}
        {organisation.website ? (
          <>
            {' · '}
            <a
              href={/^https?:\/\//.test(organisation.website) ? organisation.website : `https://${organisation.website}`}
              rel="noopener noreferrer nofollow"
              target="_blank"
              className="hover:underline"
            >
              {organisation.website.replace(/^https?:\/\/(www\.)?/, '')}
            </a>
          </>
        ) : null}
        {organisation.aliases.length ? <span className="mt-1 block break-words">{mergedNamesWords(organisation.name, organisation.aliases)}</span> : null}
      </p>
      {merge?.keptId === organisation.id ? (
        <MergedBanner mergeId={merge.id} label={merge.label} />
      ) : flags.unmerged ? (
        // Not "Merged" for a merge no longer to be undone: opened again by Back after its undo, that would be false.
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Merge undone: both organisations and their people are back as they were.
        </p>
      ) : null}
      {/* Before the rest: on a phone, below it, it would be the last thing on a long page. */}
      <div className="mb-4 empty:hidden">
        <OrganisationPairs pairs={alike} here={organisation.id} title="Possibly the same organisation" />
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <Card>
            <h2 className="mb-3 text-base font-semibold">People ({people.length})</h2>
            {people.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No one from here yet.</p>
            ) : (
              <ul className="-mx-2 divide-y divide-zinc-100 dark:divide-zinc-800">
                {people.map((p) => (
                  <li key={p.id}>
                    <Link href={`/people/${p.id}`} className="flex min-h-11 items-center gap-2 rounded-lg px-2 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium">{p.displayName}</span>
                        {p.role && !p.displayName.startsWith(p.role) ? (
                          <span className="block truncate text-sm text-zinc-600 dark:text-zinc-400">{p.role}</span>
                        ) : null}
                      </span>
                      <span className="shrink-0 text-xs text-zinc-500">{p.lastMetAt ? formatDate(p.lastMetAt, user.locale, user.timeZone, 'medium') : ''}</span>
                      <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-400" />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">Where you met them</h2>
            {events.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No events yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {events.map((e) => (
                  <li key={e.id}>
                    <Link href={`/events/${e.id}`} className="font-medium hover:underline">
                      {e.title}
                    </Link>
                    <span className="block text-xs text-zinc-500">
                      {formatDate(e.startsAt, user.locale, user.timeZone)} · {e.people} {e.people === 1 ? 'person' : 'people'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">Open follow-ups</h2>
            {followUps.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing open.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {followUps.map((f) => (
                  <li key={f.id}>
                    <p>{f.action}</p>
                    <p className="text-xs text-zinc-500">
                      <Link href={`/people/${f.person.id}`} className="hover:underline">
                        {f.person.displayName}
                      </Link>
                      {f.dueOn ? ` · due ${formatDay(f.dueOn, user.locale, 'weekday')}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-4">
          <Card>
            <h2 className="mb-3 text-base font-semibold">Edit</h2>
            <OrganisationForm organisation={organisation} sectors={sectors} />
          </Card>
          <Card>
            <h2 className="mb-3 text-base font-semibold">Merge</h2>
            <MergeOrganisationForm
              id={organisation.id}
              name={organisation.name}
              version={organisation.version}
              others={options.organisations.filter((o) => o.id !== organisation.id).map((o) => o.name)}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
