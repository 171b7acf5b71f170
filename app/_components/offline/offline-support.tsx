'use client';

import { CloudUpload } from 'lucide-react';
import { Fragment, useEffect, useState } from 'react';
import { formatDateTime } from '@/lib/dates';
import { dismissSent, listOutbox, listSent, onOutboxChange, sendOutbox, setDeviceUser, type SentItem } from '@/lib/offline/outbox';
import { listTaps } from '@/lib/offline/taps';

/** A moment as the page's language writes it ("4 Dec 2026, 21:10" in en-GB). */
export function shortDateTime(when: Date | number): string {
  return formatDateTime(when, document.documentElement.lang || undefined, undefined, 'medium');
}

/**
 * Mounted once in the signed-in shell: registers the service worker (production builds only; in development it
 * would serve stale code), tells it who is signed in (it keeps that user's pages, and forgets anyone else's),
 * sends what waits in the outbox now, whenever the connection returns, and when Background Sync wakes the page;
 * and says so when the page on screen is an offline copy.
 */
export function OfflineSupport({ userId }: { userId: string }) {
  const [offlineCopy, setOfflineCopy] = useState<string | null>(null);
  const [online, setOnline] = useState(true);
  const [sent, setSent] = useState<SentItem[]>([]);

  useEffect(() => {
    const refresh = () => setSent(listSent(userId));
    refresh();
    return onOutboxChange(refresh);
  }, [userId]);

  useEffect(() => {
    setDeviceUser(userId);
    const send = () => void sendOutbox(userId).catch(() => {});
    const sw = 'serviceWorker' in navigator && process.env.NODE_ENV === 'production' ? navigator.serviceWorker : null;
    if (sw) {
      sw.register('/sw.js', { scope: '/' })
        .then(() => sw.ready)
        .then((registration) => registration.active?.postMessage({ type: 'signed-in', userId }))
        .catch(() => {});
      sw.addEventListener('message', (event) => event.data?.type === 'send-outbox' && send());
    }
    const copy = document.documentElement.dataset.offlineCopy;
    // Read once from what the worker served; nothing to subscribe to.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (copy !== undefined) setOfflineCopy(copy);
    setOnline(navigator.onLine);
    const goneOnline = () => {
      setOnline(true);
      send();
    };
    const goneOffline = () => setOnline(false);
    window.addEventListener('online', goneOnline);
    window.addEventListener('offline', goneOffline);
    send();
    return () => {
      window.removeEventListener('online', goneOnline);
      window.removeEventListener('offline', goneOffline);
    };
  }, [userId]);

  const when = offlineCopy ? new Date(offlineCopy) : null;
  const from = when && !Number.isNaN(when.getTime()) ? ` from ${shortDateTime(when)}` : '';
  // Kept lean: this is on every signed-in page, and the event editor's script is at its budget.
  return (
    <div role="status" className="empty:hidden">
      {sent.length ? (
        <p className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
          Sent from this phone:{' '}
          {sent.map((s, i) => (
            <Fragment key={s.key}>
              {i ? ', ' : ''}
              <a href={s.eventId ? `/events/${s.eventId}` : '/events'} className="font-medium underline">
                {s.title}
              </a>
            </Fragment>
          ))}
          .{' '}
          <button type="button" onClick={() => dismissSent(userId)} className="min-h-11 px-1 underline">
            Dismiss
          </button>
        </p>
      ) : null}
      {offlineCopy !== null || !online ? (
        <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          {offlineCopy === null ? (
            'No connection. Events you log and follow-ups you tick now are kept on this phone and sent when you are back online.'
          ) : online ? (
            // The connection came back under a page the worker kept: say so, and offer the page as it is now.
            <>
              <b>Back online.</b> This page is the copy this phone kept{from}.{' '}
              <button type="button" onClick={() => window.location.reload()} className="min-h-11 font-medium underline">
                Reload for the latest
              </button>
            </>
          ) : (
            <>
              <b>Offline copy</b>
              {from}: no connection, so this is what this phone last saw. Events you log and follow-ups you tick now wait here until you are back online.
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}

/** "Waiting to send" with how many events and ticks wait in this device's outbox; nothing when none do. */
export function OutboxLink({ userId, className = '' }: { userId: string; className?: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void Promise.all([listOutbox(userId), listTaps(userId)])
        .then(([events, ticks]) => live && setCount(events.length + ticks.length))
        .catch(() => {});
    refresh();
    const stop = onOutboxChange(refresh);
    return () => {
      live = false;
      stop();
    };
  }, [userId]);
  if (count === 0) return null;
  return (
    // eslint-disable-next-line @next/next/no-html-link-for-pages -- the outbox must open from the service worker when offline: a full navigation
    <a
      href="/outbox"
      className={`inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-amber-800 hover:bg-amber-50 dark:text-amber-200 dark:hover:bg-amber-950/40 ${className}`}
    >
      <CloudUpload aria-hidden className="size-5" />
      <span className="sr-only sm:not-sr-only">Waiting</span>
      <span className="min-w-5 rounded-full bg-amber-500 px-1.5 text-center text-xs leading-5 font-semibold text-white" aria-label={`${count} waiting to send`}>
        {count}
      </span>
    </a>
  );
}
