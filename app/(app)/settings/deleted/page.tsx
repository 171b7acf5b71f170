import { ArrowLeft, CalendarDays, CircleCheck, FileText, ListChecks, GitMerge, MessageCircle, Trash2, User } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { EmptyState, PageHeader } from '@/app/_components/ui/card';
import { ForgetParams } from '@/app/_components/ui/forget-params';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { requireUser } from '@/lib/dal';
import { DELETED_KINDS, liveItem, listRecentlyDeleted, type DeletedKind } from '@/lib/deleted/queries';
import { RESTORE_WINDOW_DAYS } from '@/lib/restore-window';
import { isUuid } from '@/lib/ids';
import { listUndoableMerges } from '@/lib/merges/list';
import { restoreDeletedAction } from './actions';
import { UndoMergeButton } from '@/app/_components/merges/undo-merge';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Recently deleted' };

const FORGET = ['restored', 'gone', 'unmerged'];

const MERGE_KIND = { person: 'People', organisation: 'Organisations', sector: 'Sectors', topic: 'Topics' } as const;

const KIND: Record<DeletedKind, { name: string; icon: typeof User }> = {
  person: { name: 'Person', icon: User },
  event: { name: 'Event', icon: CalendarDays },
  post: { name: 'Post', icon: FileText },
  'follow-up': { name: 'Follow-up', icon: ListChecks },
  contact: { name: 'Logged contact', icon: MessageCircle },
};

/** `kind:id` from the address after a restore, or null when it is not one. */
function restoredRef(raw: unknown): { kind: DeletedKind; id: string } | null {
  if (typeof raw !== 'string') return null;
  const [kind, id] = raw.split(':');
  if (!DELETED_KINDS.includes(kind as DeletedKind) || !isUuid(id)) return null;
  return { kind: kind as DeletedKind, id };
}

export default async function RecentlyDeletedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const user = await requireUser();
  const raw = await searchParams;
  // A read: what is past the window is not listed (listRecentlyDeleted), and housekeeping removes it on its own schedule.
  const ref = restoredRef(raw.restored);
  const [items, restored, merges] = await Promise.all([
    listRecentlyDeleted(user.id, user.locale),
    ref ? liveItem(user.id, ref.kind, ref.id, user.locale) : null,
    listUndoableMerges(user.id),
  ]);
  const day = (d: Date) => formatDate(d, user.locale, user.timeZone, 'short');

  return (
    <>
      <p className="mb-2">
        <Link href="/settings" className="inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-accent-700 hover:underline dark:text-accent-200">
          <ArrowLeft aria-hidden className="size-4" />
          Settings
        </Link>
      </p>
      <PageHeader
        title="Recently deleted"
        description={`People, events, posts, follow-ups and logged contacts you delete stay here for ${RESTORE_WINDOW_DAYS} days, then they are removed for good.`}
      />
      <ForgetParams names={FORGET} />
      <div role="status" aria-live="polite">
        {restored ? (
          <p className="mb-4 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            <CircleCheck aria-hidden className="size-4 shrink-0" />
            <span className="min-w-0 wrap-anywhere">
              Restored <strong className="font-medium">{restored.label}</strong>.
            </span>
            <Link href={restored.href} className="font-medium underline underline-offset-2">
              Open it
            </Link>
          </p>
        ) : raw.unmerged ? (
          <p className="mb-4 flex items-center gap-2 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            <CircleCheck aria-hidden className="size-4 shrink-0" />
            Merge undone: both records are back as they were.
          </p>
        ) : raw.gone ? (
          <p className="mb-4 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">That can no longer be restored.</p>
        ) : null}
      </div>
      {merges.length ? (
        <section aria-labelledby="merges-heading" className="mb-6">
          <h2 id="merges-heading" className="mb-2 text-base font-semibold">
            Merges
          </h2>
          <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {merges.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <GitMerge aria-hidden className="size-5 shrink-0 text-zinc-400" />
                <div className="min-w-0 flex-1">
                  <p className="wrap-anywhere font-medium">{m.label}</p>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    {MERGE_KIND[m.kind]} · merged {day(m.createdAt)} · {m.daysLeft === 1 ? 'last day' : `${m.daysLeft} days left`}
                  </p>
                </div>
                <UndoMergeButton mergeId={m.id} label={m.label} then="list" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? (
        <EmptyState icon={<Trash2 className="size-10" />} title="Nothing deleted">
          Nothing you deleted in the last {RESTORE_WINDOW_DAYS} days is waiting here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {items.map((item) => {
            const { name, icon: Icon } = KIND[item.kind];
            return (
              <li key={`${item.kind}:${item.id}`} className="flex items-center gap-3 px-4 py-3">
                <Icon aria-hidden className="size-5 shrink-0 text-zinc-400" />
                <div className="min-w-0 flex-1">
                  <p className="wrap-anywhere font-medium">{item.label}</p>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    {name} · deleted {day(item.deletedAt)} · {item.daysLeft === 1 ? 'last day' : `${item.daysLeft} days left`}
                  </p>
                </div>
                <form action={restoreDeletedAction} className="shrink-0">
                  <input type="hidden" name="kind" value={item.kind} />
                  <input type="hidden" name="id" value={item.id} />
                  <SubmitButton variant="secondary" pendingText="Restoring…" aria-label={`Restore ${name.toLowerCase()} “${item.label}”`}>
                    Restore
                  </SubmitButton>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
