import { RELATION_LABEL } from '@/lib/events/relations';
import { Building2, Download, Lightbulb, Mail, Pencil, Phone, Link as LinkIcon, CalendarDays, EyeOff, CopyCheck, Tag, HeartHandshake } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { z } from 'zod';
import { AddFollowUp } from '@/app/_components/follow-ups/add-follow-up';
import { FollowUpList } from '@/app/_components/follow-ups/follow-up-list';
import { ButtonLink } from '@/app/_components/ui/button';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Card } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { listFollowUpLists } from '@/lib/follow-ups/queries';
import { listDuplicateSuggestions } from '@/lib/people/duplicates';
import { PossiblePair } from '@/app/_components/people/possible-pair';
import { PairGroup } from '@/app/_components/pairs/pair-list';
import { pairKey } from '@/app/_components/pairs/pair-key';
import { getUndoableMerge } from '@/lib/merges/list';
import { mergeFrom } from '@/lib/people/merge';
import { listFacts, listTimeline } from '@/lib/people/history';
import { getPerson } from '@/lib/people/queries';
import { MergedBanner } from '@/app/_components/merges/undo-merge';
import { DeletePerson } from './delete-person';
import { CadenceForm, InteractionList, LogContactForm } from './keep-in-touch';
import { listInteractions } from '@/lib/interactions/queries';
import { formatDate, formatDay, todayIn } from '@/lib/dates';
import { publishedPostsNaming } from '@/lib/posts/named';
import { ForgetParams } from '@/app/_components/ui/forget-params';
import { PostLinks } from '@/app/_components/posts/post-links';

const FLASH = ['saved', 'added', 'unmerged', 'alreadyMerged'];

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The page's id, or a 404 for anything that is not a UUID. */
function personId(rawId: string): string {
  const id = z.uuid().safeParse(rawId);
  if (!id.success) notFound();
  return id.data;
}

/** Read once per request: the metadata and the page both ask for it. */
const readPerson = cache((userId: string, id: string) => getPerson(userId, id));

async function load(userId: string, id: string) {
  try {
    return await readPerson(userId, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const user = await requireUser();
  const person = await load(user.id, personId((await params).id));
  return { title: person.displayName };
}

/** An evening that has not begun: where you expect to see someone, not where you met them. */
const ahead = (startsAt: Date) => startsAt.getTime() > Date.now();

export default async function PersonPage({ params, searchParams }: Props) {
  await connection();
  const user = await requireUser();
  const id = personId((await params).id);
  const flags = await searchParams;
  const today = todayIn(user.timeZone);
  // The person and what hangs off them are read side by side: each list is filtered by the user as well, so an id
  // that is not one of theirs finds nothing, and the person's own read then answers 404.
  const [person, timeline, facts, followUpLists, duplicates, merge, contacts] = await Promise.all([
    load(user.id, id),
    listTimeline(user.id, id),
    listFacts(user.id, id),
    listFollowUpLists(user.id, today, { open: { person: id, status: 'open' }, done: { person: id, status: 'done', limit: 50 } }),
    listDuplicateSuggestions(user.id, { personId: id, limit: 5 }),
    getUndoableMerge(user.id, flags.merged),
    listInteractions(user.id, { personId: id, limit: 20 }),
  ]);
  // Marked private after a post went out: the post still names them, and only this page would say so.
  const stillNamed = person.keepPrivate ? await publishedPostsNaming(user.id, person) : [];
  const open = followUpLists.open ?? [];
  const done = followUpLists.done ?? [];
  const subtitle = person.name ? [person.role, person.organisation?.name].filter(Boolean).join(' at ') : null;

  return (
    <>
      {merge?.keptId === person.id ? (
        <MergedBanner mergeId={merge.id} label={merge.label} back={mergeFrom.safeParse(flags.from).success ? (flags.from as string) : undefined} />
      ) : flags.saved || flags.added || flags.merged || flags.unmerged || flags.alreadyMerged ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          {flags.unmerged ? (
            <>
              Merge undone: both people are back as they were.{' '}
              {typeof flags.unmerged === 'string' && z.uuid().safeParse(flags.unmerged).success ? (
                <Link href={`/people/${flags.unmerged}`} className="font-medium underline underline-offset-2">
                  Open the other
                </Link>
              ) : null}
            </>
          ) : flags.merged || flags.alreadyMerged ? (
            'Merged. Everything from both records is here.'
          ) : flags.added ? (
            'Added what you typed. Nothing they had was replaced: anything different is in their notes.'
          ) : (
            'Saved.'
          )}
          {/* Said once: logging a contact or ticking a follow-up here afterwards does not say "Saved." again. */}
          <ForgetParams names={FLASH} />
        </p>
      ) : null}
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="mb-1 text-sm">
            <Link href="/people" className="text-accent-700 hover:underline dark:text-accent-400">
              People
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{person.displayName}</h1>
          {subtitle ? <p className="mt-1 text-zinc-600 dark:text-zinc-400">{subtitle}</p> : null}
          <div className="mt-2 flex flex-wrap gap-2 text-xs">
            {person.sector ? (
              <Link
                href={`/people?sector=${encodeURIComponent(person.sector.name)}`}
                className="rounded-full bg-accent-50 px-2.5 py-1 font-medium text-accent-800 hover:underline dark:bg-accent-950 dark:text-accent-200"
              >
                {person.sector.name}
                {person.sectorFromOrganisation ? ' (from organisation)' : ''}
              </Link>
            ) : (
              <span className="rounded-full bg-zinc-100 px-2.5 py-1 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">No sector</span>
            )}
            {person.keepPrivate ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2.5 py-1 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                <EyeOff aria-hidden className="size-3" /> Not named in public posts
              </span>
            ) : null}
          </div>
          {stillNamed.length ? (
            <p
              role="status"
              className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            >
              Still named in {stillNamed.length === 1 ? 'a published post' : `${stillNamed.length} published posts`}, from before they asked:{' '}
              <PostLinks posts={stillNamed} />. Take the name out, or unpublish.
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/people/${person.id}/edit`} variant="secondary">
            <Pencil aria-hidden className="size-4" /> Edit
          </ButtonLink>
          <a href={`/api/v1/people/${person.id}/vcard`} className={buttonClass('secondary')} download>
            <Download aria-hidden className="size-4" /> vCard
          </a>
          <DeletePerson id={person.id} />
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4 lg:col-start-2 lg:row-start-1">
          <Card>
            <h2 className="mb-3 text-base font-semibold">Details</h2>
            <dl className="space-y-3 text-sm">
              {person.organisation ? (
                <div className="flex gap-2">
                  <dt>
                    <Building2 aria-label="Organisation" className="size-4 text-zinc-500" />
                  </dt>
                  <dd className="min-w-0 wrap-anywhere">
                    <Link href={`/organisations/${person.organisation.id}`} className="text-accent-700 hover:underline dark:text-accent-400">
                      {person.organisation.name}
                    </Link>
                  </dd>
                </div>
              ) : null}
              {person.email ? (
                <div className="flex gap-2">
                  <dt>
                    <Mail aria-label="Email" className="size-4 text-zinc-500" />
                  </dt>
                  <dd className="min-w-0 break-all">
                    <a href={`mailto:${person.email}`} className="hover:underline">
                      {person.email}
                    </a>
                  </dd>
                </div>
              ) : null}
              {person.phone ? (
                <div className="flex gap-2">
                  <dt>
                    <Phone aria-label="Phone" className="size-4 text-zinc-500" />
                  </dt>
                  <dd>
                    <a href={`tel:${person.phone.replace(/[^0-9+]/g, '')}`} className="hover:underline">
                      {person.phone}
                    </a>
                  </dd>
                </div>
              ) : null}
              {person.links.map((link) => (
                <div key={link} className="flex gap-2">
                  <dt>
                    <LinkIcon aria-label="Link" className="size-4 text-zinc-500" />
                  </dt>
                  <dd className="min-w-0 break-all">
                    <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="hover:underline">
                      {link.replace(/^https?:\/\/(www\.)?/, '')}
                    </a>
                  </dd>
                </div>
              ))}
              {person.topics.length ? (
                <div className="flex gap-2">
                  <dt>
                    <Tag aria-label="Topics" className="size-4 text-zinc-500" />
                  </dt>
                  <dd>
                    <ul className="flex flex-wrap gap-1.5" aria-label="Topics">
                      {person.topics.map((t) => (
                        <li key={t}>
                          <Link
                            href={`/people?topic=${encodeURIComponent(t)}`}
                            className="inline-flex min-h-7 items-center rounded-full bg-zinc-100 px-2.5 text-xs hover:underline dark:bg-zinc-800"
                          >
                            {t}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ) : null}
              <div className="flex gap-2">
                <dt>
                  <CalendarDays aria-label="Last met" className="size-4 text-zinc-500" />
                </dt>
                <dd>{person.lastMetAt ? `Last met ${formatDate(person.lastMetAt, user.locale, user.timeZone)}` : 'Not met yet'}</dd>
              </div>
            </dl>
          </Card>
          <Card>
            <section aria-labelledby="keep-in-touch" className="space-y-4">
              <div>
                <h2 id="keep-in-touch" className="mb-1 flex items-center gap-2 text-base font-semibold">
                  <HeartHandshake aria-hidden className="size-4 text-zinc-500" /> Keep in touch
                </h2>
                <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="contact-status">
                  {person.lastContactOn ? `Last contact ${formatDay(person.lastContactOn, user.locale)}` : 'No contact yet'}
                  {' · '}
                  {person.nextContactDue
                    ? `${person.contactSnoozedUntil === person.nextContactDue ? 'Snoozed until' : 'Next due'} ${formatDay(person.nextContactDue, user.locale)}`
                    : 'No reminder'}
                </p>
              </div>
              <LogContactForm personId={person.id} today={today} />
              <InteractionList items={contacts.items} locale={user.locale} />
              <CadenceForm personId={person.id} version={person.version} cadence={person.keepInTouch} sectorDefault={person.sectorKeepInTouch} />
            </section>
          </Card>
          <Card>
            <h2 className="mb-2 text-base font-semibold">Notes</h2>
            {person.notes ? (
              <p className="text-sm whitespace-pre-line wrap-anywhere">{person.notes}</p>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                No notes.{' '}
                <Link href={`/people/${person.id}/edit#notes`} className="text-accent-700 hover:underline dark:text-accent-400">
                  Add some
                </Link>
              </p>
            )}
          </Card>
          {duplicates.length ? (
            <PairGroup pairs={duplicates.map((d) => pairKey(d.a.id, d.b.id))}>
              <Card>
                <h2 className="mb-2 flex items-center gap-2 text-base font-semibold">
                  <CopyCheck aria-hidden className="size-4 text-zinc-500" /> Possibly the same person
                </h2>
                <ul className="space-y-2 text-sm">
                  {duplicates.map((d) => {
                    const other = d.a.id === person.id ? d.b : d.a;
                    return <PossiblePair key={other.id} pair={d} other={other} />;
                  })}
                </ul>
              </Card>
            </PairGroup>
          ) : null}
        </div>
        <div className="min-w-0 space-y-4 lg:col-start-1 lg:row-start-1">
          <Card>
            <h2 className="mb-3 text-base font-semibold">Timeline</h2>
            {timeline.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Not met at any event yet.</p>
            ) : (
              <ol className="space-y-4 border-l border-zinc-200 pl-4 dark:border-zinc-800">
                {timeline.map((t) => (
                  <li key={t.encounterId} className="relative">
                    <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full bg-accent-600" />
                    <p className="text-xs text-zinc-500">{formatDate(t.startsAt, user.locale, user.timeZone)}</p>
                    <p className="font-medium">
                      <Link href={`/events/${t.eventId}`} className="hover:underline">
                        {t.eventTitle}
                      </Link>
                      {/* An evening still ahead is where you expect to see them, not where you met them. */}
                      <span className="ml-2 text-xs font-normal text-zinc-500">{ahead(t.startsAt) ? 'Expected' : RELATION_LABEL[t.relation]}</span>
                    </p>
                    {t.notes ? <p className="mt-1 text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">{t.notes}</p> : null}
                    {t.topics.length ? (
                      <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label="Topics">
                        {t.topics.map((topic) => (
                          <li key={topic}>
                            <Link
                              href={`/people?topic=${encodeURIComponent(topic)}`}
                              className="inline-flex min-h-7 items-center rounded-full border border-zinc-200 px-2 text-xs text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
                            >
                              {topic}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 flex items-center gap-2 text-base font-semibold">
              <Lightbulb aria-hidden className="size-4 text-zinc-500" /> Facts they gave
            </h2>
            {facts.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No facts or figures credited to them yet.</p>
            ) : (
              <ul className="space-y-3">
                {facts.map((f) => (
                  <li key={f.id} className="text-sm">
                    <p>&ldquo;{f.text}&rdquo;</p>
                    <p className="text-xs text-zinc-500">
                      <Link href={`/events/${f.eventId}`} className="hover:underline">
                        {f.eventTitle}
                      </Link>
                      , {formatDate(f.startsAt, user.locale, user.timeZone)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 text-base font-semibold">Follow-ups</h2>
            {open.length === 0 && done.length === 0 ? (
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Nothing promised yet.</p>
            ) : (
              <div className="mb-4">
                <FollowUpList items={open} done={done} today={today} locale={user.locale} showPerson={false} />
              </div>
            )}
            <AddFollowUp personId={person.id} today={today} />
          </Card>
        </div>
      </div>
    </>
  );
}
