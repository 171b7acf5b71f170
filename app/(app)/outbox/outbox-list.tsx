'use client';

import { CloudOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { shortDateTime } from '@/app/_components/offline/offline-support';
import { formatDay } from '@/lib/dates';
import { Button } from '@/app/_components/ui/button';
import { Card, EmptyState } from '@/app/_components/ui/card';
import { useToast } from '@/app/_components/ui/toast';
import { changedInForm, dropFormDraft, formDraft, planOpenHere, putFormDraft } from '@/lib/offline/editing';
import { holdForEditing, listOutbox, onOutboxChange, putOutboxItem, removeOutboxItem, sendOutbox, type OutboxItem } from '@/lib/offline/outbox';
import { listTaps, removeTap, type TapItem } from '@/lib/offline/taps';

export function OutboxList({ userId }: { userId: string }) {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [ticks, setTicks] = useState<TapItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // The held event whose "Send as it was" waits for a yes: the form has changes to it that would be dropped.
  const [confirming, setConfirming] = useState<string | null>(null);
  const toast = useToast();

  useEffect(() => {
    let live = true;
    const refresh = () =>
      void Promise.all([listOutbox(userId), listTaps(userId)])
        .then(([list, waiting]) => {
          if (!live) return;
          setItems(list);
          setTicks(waiting);
        })
        .catch(() => live && setItems([]));
    refresh();
    const stop = onOutboxChange(refresh);
    return () => {
      live = false;
      stop();
    };
  }, [userId]);

  /**
   * Opens a waiting event in the capture form, to edit there. It stays here, held back from sending, until the edited
   * version is saved over it or it is let go as it was. A full page load rather than a client-side one: offline, the
   * service worker can serve the form's page but not the router's data request.
   */
  const open = async (item: OutboxItem) => {
    const plan = planOpenHere(userId, item.key, items ?? []);
    if (plan.go === 'blocked') {
      setNotice(
        plan.title
          ? `You are editing “${plan.title}” on this phone. Save it, or put it back as it was, then open this.`
          : 'You are already logging another event on this phone. Save or clear that one first, then open this.',
      );
      return;
    }
    if (plan.go === 'load') putFormDraft(userId, item.draft);
    await holdForEditing(userId, item.key);
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/events/new');
  };

  /** Lets an event held for editing go as it was kept; changes made to it in the form are dropped only once confirmed. */
  const sendAsItWas = async (item: OutboxItem, confirmed = false) => {
    const form = formDraft(userId);
    if (!confirmed && changedInForm(item, form)) return setConfirming(item.key);
    setConfirming(null);
    if (form?.key === item.key) dropFormDraft(userId);
    setNotice(
      item.refused
        ? `“${item.title}” is back as it was; it still needs fixing before it can be sent.`
        : navigator.onLine
          ? `Sending “${item.title}” as it was.`
          : `“${item.title}” will be sent as it was when you are back online.`,
    );
    await holdForEditing(userId, item.key, false);
  };

  /** Discards a waiting event (and the form's copy of it, if it was being edited), with Undo. */
  const discard = async (item: OutboxItem) => {
    const form = formDraft(userId);
    const mine = form?.key === item.key ? form : null;
    await removeOutboxItem(userId, item.key);
    if (mine) dropFormDraft(userId);
    toast.show({
      message: `Discarded “${item.title}”`,
      undo: async () => {
        await putOutboxItem(item);
        if (mine && !formDraft(userId)) putFormDraft(userId, mine);
      },
    });
  };

  const sendNow = async () => {
    setSending(true);
    const sent = await sendOutbox(userId).catch(() => 0);
    // Sent already in the background (the connection came back first): not "nothing could be sent".
    const [left, held] = await Promise.all([listOutbox(userId), listTaps(userId)])
      .then(([a, b]) => [a.length + b.length, a.filter((i) => i.editing).length])
      .catch(() => [1, 0]);
    setSending(false);
    setNotice(
      sent
        ? `Sent ${sent === 1 ? 'one change' : `${sent} changes`}.`
        : left === 0
          ? 'Everything here has been sent.'
          : left === held
            ? 'Nothing sent: what is left is being edited. Save it in the form, or send it as it was.'
            : navigator.onLine
              ? 'Nothing could be sent just now.'
              : 'Still no connection.',
    );
  };

  if (items === null) return <p className="text-sm text-zinc-500">Looking on this phone…</p>;
  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
        {notice}
      </p>
      {items.length === 0 && ticks.length === 0 ? (
        <EmptyState icon={<CloudOff aria-hidden className="size-8" />} title="Nothing waiting">
          Events you save and follow-ups you tick with no signal wait here, and go as soon as the phone is back online.
        </EmptyState>
      ) : (
        <>
          {items.length ? (
            <ul className="space-y-3">
              {items.map((item) => (
                <li key={item.key}>
                  <Card className="space-y-2">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h2 className="text-base font-semibold">{item.title}</h2>
                      <span className="text-xs text-zinc-500">Kept {shortDateTime(item.savedAt)}</span>
                    </div>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {item.draft.people.length === 1 ? '1 person' : `${item.draft.people.length} people`}
                      {item.draft.date ? ` · ${formatDay(item.draft.date, document.documentElement.lang || undefined, 'weekday')}` : ''}
                    </p>
                    {item.editing ? (
                      <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
                        <b>Being edited on this device — not sent yet.</b> It goes when you save it in the form, or send it as it was.
                      </p>
                    ) : null}
                    {item.message ? (
                      <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
                        {item.message}
                        {item.fieldErrors && Object.keys(item.fieldErrors).length ? (
                          <span className="mt-1 block">{Object.values(item.fieldErrors).flat().join(' ')}</span>
                        ) : null}
                      </p>
                    ) : null}
                    {confirming === item.key ? (
                      <div
                        role="group"
                        aria-labelledby={`${item.key}-confirm`}
                        className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700"
                      >
                        <p id={`${item.key}-confirm`} className="text-sm font-medium">
                          The form has changes to this event. Send it as it was, without them?
                        </p>
                        <div className="flex flex-wrap gap-2">
                          <Button type="button" variant="danger" onClick={() => void sendAsItWas(item, true)}>
                            Drop the changes and send
                          </Button>
                          <Button
                            type="button"
                            variant="secondary"
                            autoFocus
                            onClick={() => {
                              setConfirming(null);
                              // Back to the button that asked, not to the top of the page.
                              requestAnimationFrame(() => document.getElementById(`${item.key}-as-was`)?.focus());
                            }}
                          >
                            Keep the changes
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <div className="flex flex-wrap gap-2">
                        <Button type="button" variant="secondary" onClick={() => void open(item)}>
                          {item.editing ? 'Continue editing' : 'Open and edit'}
                        </Button>
                        {item.editing ? (
                          <Button type="button" variant="secondary" id={`${item.key}-as-was`} onClick={() => void sendAsItWas(item)}>
                            {item.refused ? 'Stop editing' : 'Send as it was'}
                          </Button>
                        ) : null}
                        <Button type="button" variant="ghost" onClick={() => void discard(item)}>
                          Discard
                        </Button>
                        {item.needsSignIn ? (
                          // eslint-disable-next-line @next/next/no-html-link-for-pages -- signing in again is a full page load
                          <a href="/sign-in?callbackUrl=/outbox" className="inline-flex min-h-11 items-center px-2 text-sm font-medium underline">
                            Sign in again
                          </a>
                        ) : null}
                      </div>
                    )}
                  </Card>
                </li>
              ))}
            </ul>
          ) : null}
          {ticks.length ? (
            <section aria-labelledby="outbox-ticks" className="space-y-2">
              <h2 id="outbox-ticks" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                Follow-ups ticked
              </h2>
              <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
                {ticks.map((tick) => (
                  <li key={tick.key} className="space-y-2 px-4 py-3">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <p className="min-w-0 text-[15px] wrap-anywhere">
                        <span className="font-medium">{tick.status === 'done' ? 'Mark done' : 'Reopen'}:</span> {tick.action}
                      </p>
                      <span className="text-xs text-zinc-500">Ticked {shortDateTime(tick.savedAt)}</span>
                    </div>
                    {tick.message ? (
                      <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300">
                        {tick.message}
                      </p>
                    ) : null}
                    <div className="flex flex-wrap gap-2">
                      {tick.gone ? null : (
                        <a href={`/follow-ups/${tick.followUpId}`} className="inline-flex min-h-11 items-center px-2 text-sm font-medium underline">
                          Open the follow-up
                        </a>
                      )}
                      <Button type="button" variant="secondary" onClick={() => void removeTap(userId, tick.key)}>
                        Discard this tick
                      </Button>
                      {tick.needsSignIn ? (
                        // eslint-disable-next-line @next/next/no-html-link-for-pages -- signing in again is a full page load
                        <a href="/sign-in?callbackUrl=/outbox" className="inline-flex min-h-11 items-center px-2 text-sm font-medium underline">
                          Sign in again
                        </a>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <Button type="button" onClick={() => void sendNow()} disabled={sending}>
            {sending ? 'Sending…' : 'Send now'}
          </Button>
        </>
      )}
      {toast.view}
    </div>
  );
}
