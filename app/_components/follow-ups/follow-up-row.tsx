'use client';

import { CloudUpload, Download, Pencil, RotateCcw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState, useTransition } from 'react';
import { inputClass } from '@/app/_components/ui/field';
import type { FollowUpItem } from '@/lib/follow-ups/queries';
import { getDeviceUser, isNetworkFailure } from '@/lib/offline/outbox';
import { keepTap, type TapStatus } from '@/lib/offline/taps';
import {
  completeFollowUpAction,
  deleteFollowUpAction,
  reopenFollowUpAction,
  restoreFollowUpAction,
  setDueAction,
  snoozeFollowUpAction,
  type TapResult,
} from '@/app/(app)/follow-ups/actions';
import { keepFocusInList, undoKeepingFocus } from '@/app/_components/ui/refocus';
import type { Toast } from '@/app/_components/ui/toast';
import { addDays, dayIn, formatDay } from '@/lib/dates';
import { dueGroup, dueLabel, snoozeDay } from '@/lib/follow-ups/due';

const menuItem =
  'flex min-h-11 w-full items-center gap-2 rounded-lg px-3 text-left text-sm text-zinc-800 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800';

/** The icons every row shows, drawn once by the list (FollowUpList) and used by name. */
export const ROW_ICONS = ['circle', 'check', 'due', 'more'] as const;
export type RowIcon = (typeof ROW_ICONS)[number];

function UseIcon({ icons, name, className }: { icons: string; name: RowIcon; className: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#${icons}-${name}`} />
    </svg>
  );
}

/** One follow-up: a round button completes (or reopens) it; the menu snoozes, edits, downloads or deletes. */
export function FollowUpRow({
  item,
  today,
  locale,
  timeZone = 'UTC',
  notify,
  showEvent = true,
  showPerson = true,
  waiting,
  icons,
}: {
  item: FollowUpItem;
  /** The id prefix of the list's drawn icons. */
  icons: string;
  /** The status a tick made on this phone with no signal asks for, while it waits to be sent. */
  waiting?: TapStatus;
  today: string;
  locale: string;
  timeZone?: string;
  notify: (t: Toast) => void;
  showEvent?: boolean;
  showPerson?: boolean;
}) {
  const [pending, start] = useTransition();
  const [gone, setGone] = useState(false);
  const menuRef = useRef<HTMLDetailsElement>(null);
  const rowRef = useRef<HTMLLIElement>(null);
  const [snoozeUntil, setSnoozeUntil] = useState('');
  // The menu is built only while open: a list of hundreds of rows would otherwise carry hundreds of hidden menus.
  const [menuOpen, setMenuOpen] = useState(false);
  // A tick made here with no signal shows as made until it is sent (then the server's copy says the same).
  const [tickedHere, setTickedHere] = useState<TapStatus | undefined>(undefined);
  const shown = tickedHere ?? waiting ?? item.status;
  const queued = shown !== item.status;
  const done = shown === 'done';

  useEffect(() => {
    // A <details> menu stays open by itself: close it on a tap elsewhere or Escape, as menus do.
    const onPointer = (e: PointerEvent) => {
      const menu = menuRef.current;
      if (menu?.open && !menu.contains(e.target as Node)) menu.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      const menu = menuRef.current;
      if (e.key === 'Escape' && menu?.open) {
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  const overdue = !done && dueGroup(item.due, today) === 'overdue';
  // With whom, so that two people's "Read the report" can be told apart in the toast.
  // Their name first: a toast of two lines cuts its end, and the name is what tells two "Read the report" apart.
  const cut = (text: string, at: number) => (text.length > at ? `${text.slice(0, at)}…` : text);
  const short = item.person ? `${item.person.displayName} – ${cut(item.action, 32)}` : cut(item.action, 40);

  /** This row's tick, wherever the row is drawn now (done, it moves to "Recently done"). */
  const ownTick = () => document.querySelector<HTMLElement>(`[data-fu-tick="${item.id}"]`);
  function run(
    work: () => Promise<TapResult>,
    message: (r: TapResult) => string,
    undo?: (r: TapResult) => () => Promise<unknown>,
    offline?: () => Promise<void>,
  ) {
    // Ticked into "Recently done" or deleted, the row is drawn anew or not at all: focus stays in the list.
    const refocus = keepFocusInList(rowRef.current, ownTick, '[data-fu-tick]:not([data-done])');
    if (menuRef.current) menuRef.current.open = false;
    start(async () => {
      let result: TapResult;
      try {
        result = await work();
      } catch (err) {
        // No signal: a tick is kept on the phone and sent later; anything else says so rather than fall into the error page.
        if (offline && isNetworkFailure(err)) return offline();
        result = { ok: false, message: 'Could not reach Rapport. Check your connection and try again.' };
      }
      if (!result.ok) {
        notify({ message: result.message ?? 'Something went wrong. Nothing was changed.' });
        // Refused (a delete, or a tick), the row is back where it was: focus goes to it, not to the top of the page.
        refocus(true);
        return;
      }
      const back = undo?.(result);
      notify({ message: message(result), undo: back && undoKeepingFocus(back, ownTick) });
      refocus();
    });
  }

  /** Keeps a tick on the phone, to be sent when the connection returns (lib/offline/taps.ts). */
  async function keepTick(to: TapStatus) {
    const userId = getDeviceUser();
    if (!userId) {
      notify({ message: 'Could not reach Rapport. Check your connection and try again.' });
      return;
    }
    const kept = await keepTap({ userId, followUpId: item.id, action: item.action, status: to, from: item.status, version: item.version }).catch(() => null);
    if (!kept) {
      notify({ message: 'Could not keep this on the phone. Nothing was changed.' });
      return;
    }
    setTickedHere(to);
    notify({
      message: kept === 'cancelled' ? `Back as it was: ${short}` : `${to === 'done' ? 'Done' : 'Reopened'} on this phone, sent when back online: ${short}`,
      undo: kept === 'cancelled' ? undefined : () => keepTick(to === 'done' ? 'open' : 'done'),
    });
  }
  const tick = (to: TapStatus) => {
    if (menuRef.current) menuRef.current.open = false;
    // Once a tick waits on the phone, later ones wait behind it, so they reach the server in the order made.
    if (queued || (typeof navigator !== 'undefined' && navigator.onLine === false)) return start(() => keepTick(to));
    run(
      () => (to === 'done' ? completeFollowUpAction(item.id) : reopenFollowUpAction(item.id)),
      () => `${to === 'done' ? 'Done' : 'Reopened'}: ${short}`,
      () => () => (to === 'done' ? reopenFollowUpAction(item.id) : completeFollowUpAction(item.id)),
      () => keepTick(to),
    );
  };
  const complete = () => tick('done');
  const reopen = () => tick('open');
  const snooze = (target: string) =>
    run(
      () => snoozeFollowUpAction(item.id, target),
      // The day it was put off to, as saved: one due later already kept its day.
      (r) => `Snoozed to ${formatDay(r.data?.due ?? snoozeDay(target, today), locale, 'short')}`,
      (r) => async () => {
        if (!r.ok || !r.data?.undo) return;
        const { due, ...before } = r.data.undo;
        const back = await setDueAction(item.id, due, before).catch(() => ({ ok: false, message: 'Could not reach Rapport. Nothing was put back.' }));
        // Refused (changed since) or unreachable: said, not dropped with the toast.
        if (!back.ok) notify({ message: back.message ?? 'Something went wrong. Nothing was put back.' });
      },
    );
  const remove = () => {
    // The row goes at the next render: run(), called now, still finds it and its neighbours for focus.
    setGone(true);
    run(
      async () => {
        const r = await deleteFollowUpAction(item.id).catch(() => null);
        if (!r?.ok) setGone(false);
        return r ?? { ok: false, message: 'Could not reach Rapport. Nothing was deleted.' };
      },
      () => `Deleted: ${short}`,
      () => async () => {
        const r = await restoreFollowUpAction(item.id);
        if (r.ok) setGone(false);
      },
    );
  };

  if (gone) return null;

  return (
    <li ref={rowRef} className={`fu-row${pending ? ' opacity-60' : ''}`} aria-busy={pending || undefined}>
      <button
        type="button"
        data-fu-tick={item.id}
        data-done={done || undefined}
        onClick={done ? reopen : complete}
        disabled={pending}
        // With whom, so that two people's "Read the report" are two names to a screen reader or a voice command.
        aria-label={`${done ? 'Reopen' : 'Mark'} “${item.action}”${item.person ? ` with ${item.person.displayName}` : ''}${done ? '' : ' done'}`}
        className="fu-tick"
      >
        {done ? (
          <span className="grid size-6 place-items-center rounded-full bg-emerald-600 text-white">
            <UseIcon icons={icons} name="check" className="size-4" />
          </span>
        ) : (
          <UseIcon icons={icons} name="circle" className="size-6" />
        )}
      </button>
      <div className="fu-body">
        <p className={`fu-action${done ? ' text-zinc-500 line-through dark:text-zinc-400' : ''}`}>{item.action}</p>
        <p className="fu-meta">
          {queued ? (
            <span className="inline-flex items-center gap-1 font-medium text-amber-800 dark:text-amber-200">
              <CloudUpload aria-hidden className="size-3.5" />
              {done ? 'Done' : 'Reopened'} on this phone, waiting to send
            </span>
          ) : done ? (
            <span>Done{item.doneAt ? ` ${formatDay(dayIn(timeZone, new Date(item.doneAt)), locale, 'short')}` : ''}</span>
          ) : (
            <span className={overdue ? 'fu-due fu-late' : 'fu-due'} title={item.due ? formatDay(item.due, locale) : undefined}>
              <UseIcon icons={icons} name="due" className="size-3.5" />
              {dueLabel(item.due, today, locale)}
            </span>
          )}
          {/* Put off and off: said, with the day it was first meant for. */}
          {!done && !queued && item.snoozes ? (
            <span>
              Snoozed {item.snoozes === 1 ? 'once' : item.snoozes === 2 ? 'twice' : `${item.snoozes} times`}
              {item.firstDue ? `, first due ${formatDay(item.firstDue, locale, item.firstDue.slice(0, 4) === today.slice(0, 4) ? 'short' : 'medium')}` : ''}
            </span>
          ) : null}
          {showPerson && item.person ? (
            <Link href={`/people/${item.person.id}`} className="fu-person">
              {item.person.displayName}
            </Link>
          ) : null}
          {showEvent && item.event ? (
            <Link href={`/events/${item.event.id}`} className="fu-event">
              {item.event.title}
            </Link>
          ) : null}
        </p>
      </div>
      <details ref={menuRef} className="relative shrink-0" onToggle={(e) => setMenuOpen(e.currentTarget.open)}>
        <summary className="fu-more" aria-label={`More for “${item.action}”`}>
          <UseIcon icons={icons} name="more" className="size-5" />
        </summary>
        {menuOpen ? (
          <div className="absolute right-0 z-20 mt-1 w-64 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            {!done ? (
              <>
                <p className="px-3 pt-1 pb-1 text-xs font-medium text-zinc-500">Snooze</p>
                {/* Already due that day or later: the snooze would change nothing, or bring it forward. */}
                {!item.due || item.due < snoozeDay('tomorrow', today) ? (
                  <button type="button" className={menuItem} onClick={() => snooze('tomorrow')}>
                    Snooze to tomorrow
                  </button>
                ) : null}
                {!item.due || item.due < snoozeDay('next-week', today) ? (
                  <button type="button" className={menuItem} onClick={() => snooze('next-week')}>
                    {/* With the day it sets: "next week" alone left it to the user to work out. */}
                    Snooze a week, to {formatDay(snoozeDay('next-week', today), locale, 'short')}
                  </button>
                ) : null}
                <form
                  className="flex items-end gap-1.5 px-1.5 pb-1.5"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (snoozeUntil) snooze(snoozeUntil);
                  }}
                >
                  <label className="min-w-0 flex-1 text-xs text-zinc-500">
                    Snooze until
                    <input
                      type="date"
                      value={snoozeUntil}
                      min={addDays(today, 1)}
                      onChange={(e) => setSnoozeUntil(e.target.value)}
                      className={`${inputClass} mt-1 px-2`}
                    />
                  </label>
                  <button
                    type="submit"
                    disabled={!snoozeUntil}
                    className="min-h-11 rounded-lg bg-accent-600 px-3 text-sm font-medium text-white disabled:opacity-50"
                  >
                    Snooze
                  </button>
                </form>
                <hr className="my-1 border-zinc-200 dark:border-zinc-800" />
              </>
            ) : (
              <button type="button" className={menuItem} onClick={reopen}>
                <RotateCcw aria-hidden className="size-4" />
                Reopen
              </button>
            )}
            <Link href={`/follow-ups/${item.id}`} className={menuItem}>
              <Pencil aria-hidden className="size-4" />
              Edit
            </Link>
            {item.due && !done ? (
              <a href={`/api/v1/follow-ups/${item.id}/calendar.ics`} className={menuItem} download>
                <Download aria-hidden className="size-4" />
                Add to calendar (.ics)
              </a>
            ) : null}
            <button type="button" className={`${menuItem} text-red-700 dark:text-red-400`} onClick={remove}>
              <Trash2 aria-hidden className="size-4" />
              Delete
            </button>
          </div>
        ) : null}
      </details>
    </li>
  );
}
