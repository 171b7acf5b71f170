'use client';

import { Check, Clock, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useRef, useState, useTransition } from 'react';
import { markInTouchAction, setContactSnoozeAction, snoozeContactAction, unmarkInTouchAction } from '@/app/(app)/people/contact-actions';
import { dueGroup, dueSentence, GROUP_TITLES, type DueGroup } from '@/lib/follow-ups/due';
import { formatDay } from '@/lib/dates';
import { cadenceLabel } from '@/lib/people/cadence';
import type { ActionResult } from '@/lib/forms';
import type { DueContact } from '@/lib/keep-in-touch/queries';
import { keepFocusInList, undoKeepingFocus } from '@/app/_components/ui/refocus';
import { useToast, type Toast } from '@/app/_components/ui/toast';

const GROUPS: DueGroup[] = ['overdue', 'today', 'week'];
const small =
  'inline-flex min-h-11 items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-2.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800';

/**
 * "Get back in touch": the people due a contact, as Overdue / Today / The week ahead, each with one-tap Done (logs
 * "Marked in touch" today) and Snooze for a week or a month, every one undoable.
 */
export function GetBackInTouch({
  items,
  today,
  locale,
  headingLevel = 3,
  partial = false,
}: {
  items: DueContact[];
  today: string;
  locale: string;
  headingLevel?: 2 | 3;
  /** Only the first of those due are listed: a group's count would be the listed ones', not the group's, so none is given. */
  partial?: boolean;
}) {
  const { show, view } = useToast();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const groups = GROUPS.map((g) => ({ g, items: items.filter((i) => dueGroup(i.dueOn, today) === g) })).filter((x) => x.items.length);
  return (
    <div className="space-y-4">
      {groups.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nobody is due this week. Set how often to keep in touch on a person’s page, or a default per sector in Settings.
        </p>
      ) : (
        groups.map(({ g, items: list }) => (
          <section key={g} aria-labelledby={`kit-${g}`}>
            <Heading
              id={`kit-${g}`}
              className={`mb-2 text-sm font-semibold tracking-wide uppercase ${g === 'overdue' ? 'text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`}
            >
              {GROUP_TITLES[g]}
              {partial ? null : <span className="font-normal normal-case"> ({list.length})</span>}
            </Heading>
            <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {list.map((c) => (
                <DueRow key={c.id} contact={c} today={today} locale={locale} notify={show} />
              ))}
            </ul>
          </section>
        ))
      )}
      {view}
    </div>
  );
}

function DueRow({ contact, today, locale, notify }: { contact: DueContact; today: string; locale: string; notify: (t: Toast) => void }) {
  const [pending, start] = useTransition();
  const [gone, setGone] = useState(false);
  const overdue = dueGroup(contact.dueOn, today) === 'overdue';
  const rowRef = useRef<HTMLLIElement>(null);
  /** This row's Done, when it is drawn (again, after Undo). */
  const ownDone = () => document.querySelector<HTMLElement>(`[data-kit-done="${contact.id}"]`);

  function run<T>(work: () => Promise<ActionResult<T>>, message: string, undo: (data: T | undefined) => () => Promise<unknown>) {
    // The row goes at once: focus moves on to the next one's Done (or the one before), not to the top of the page.
    keepFocusInList(rowRef.current, ownDone, '[data-kit-done]')();
    setGone(true);
    start(async () => {
      const r: ActionResult<T> = await work().catch(() => ({ ok: false, message: 'Could not reach Rapport. Nothing was changed.' }));
      if (!r.ok) {
        setGone(false);
        notify({ message: r.message ?? 'Something went wrong. Nothing was changed.' });
        return;
      }
      const back = undo(r.data);
      notify({
        message,
        undo: undoKeepingFocus(async () => {
          await back();
          setGone(false);
        }, ownDone),
      });
    });
  }

  if (gone) return null;
  const name = contact.displayName;
  return (
    <li ref={rowRef} className={`flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center ${pending ? 'opacity-60' : ''}`} aria-busy={pending || undefined}>
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <UserRound aria-hidden className="mt-0.5 size-5 shrink-0 text-zinc-400" />
        <div className="min-w-0">
          <Link href={`/people/${contact.id}`} className="block truncate font-medium text-accent-700 hover:underline dark:text-accent-200">
            {name}
          </Link>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <span className={overdue ? 'font-medium text-red-700 dark:text-red-400' : ''} title={formatDay(contact.dueOn, locale)}>
              {dueSentence(contact.dueOn, today, locale)}
            </span>
            {/* A date kept on one line: "2 Nov 2026", not "2" above "Nov 2026". */}
            {contact.lastContactOn ? (
              <>
                {' · Last contact '}
                <span className="whitespace-nowrap">{formatDay(contact.lastContactOn, locale, 'medium')}</span>
              </>
            ) : (
              ' · No contact yet'
            )}
            {contact.cadence ? ` · ${cadenceLabel(contact.cadence)}` : ''}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap gap-1.5">
        <button
          type="button"
          data-kit-done={contact.id}
          className={small}
          disabled={pending}
          onClick={() =>
            run(
              () => markInTouchAction(contact.id),
              `In touch with ${name}`,
              (d) => () => (d?.interactionId ? unmarkInTouchAction(d.interactionId) : Promise.resolve()),
            )
          }
        >
          <Check aria-hidden className="size-4 text-emerald-600" />
          Done<span className="sr-only">: in touch with {name}</span>
        </button>
        {(['week', 'month'] as const).map((target) => (
          <button
            key={target}
            type="button"
            className={small}
            disabled={pending}
            onClick={() =>
              run(
                () => snoozeContactAction(contact.id, target),
                `Snoozed ${name} for a ${target}`,
                (d) => () => setContactSnoozeAction(contact.id, d?.previous ?? null),
              )
            }
          >
            <Clock aria-hidden className="size-4" />
            {target === 'week' ? '1 week' : '1 month'}
            <span className="sr-only">: snooze {name}</span>
          </button>
        ))}
      </div>
    </li>
  );
}
