'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { DRAFT_PREFIX, newUid, type EventDraft } from '@/lib/events/draft';

function read(key: string): EventDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as EventDraft;
    return draft && typeof draft === 'object' && Array.isArray(draft.people) ? draft : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the form's draft on the device: written on every change and again when the page is hidden (the
 * moment a phone app switch or a crash would lose it), restored on load, cleared after a successful save.
 */
/**
 * Drafts on this device that are not this user's (keys are DRAFT_PREFIX + user id + ":" + scope; older keys
 * named no user) go: whoever signed in here before did not sign out, and their notes are not the next user's.
 */
function forgetOtherUsersDrafts(key: string) {
  const own = key.slice(0, key.lastIndexOf(':') + 1);
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(DRAFT_PREFIX) && !k.startsWith(own)) localStorage.removeItem(k);
  } catch {
    /* storage unavailable */
  }
}

/**
 * `fresh` (a new event): a draft not restored from storage is given its own idempotency key, minted here on the
 * device, and the date of the evening just gone (captureDay) with its suggested start time. The page may be an
 * offline copy whose server-made key and date were made for an earlier evening; two events logged offline must never
 * share a key.
 */
export function useDeviceDraft(key: string, initial: EventDraft, fresh?: { date: string; time: string }) {
  const [draft, setDraftState] = useState<EventDraft>(initial);
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // Anything typed (or restored) since the form opened, whether or not the device could keep it.
  const [edited, setEdited] = useState(false);
  const latest = useRef(draft);
  const freshDate = fresh?.date;
  const freshTime = fresh?.time;
  const dirty = useRef(false);

  const write = useCallback(() => {
    if (!dirty.current) return;
    try {
      const stamped = { ...latest.current, savedAt: Date.now() };
      localStorage.setItem(key, JSON.stringify(stamped));
      setSavedAt(stamped.savedAt);
    } catch {
      /* storage full or disabled: the form still works, only without the safety net */
    }
  }, [key]);

  useEffect(() => {
    forgetOtherUsersDrafts(key);
    const stored = read(key);
    if (stored) {
      latest.current = stored;
      dirty.current = true;
      // Restoring from storage after hydration is the point of this effect.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setDraftState(stored);
      setRestoredAt(stored.savedAt ?? Date.now());
      setEdited(true);
    } else if (freshDate) {
      latest.current = { ...latest.current, key: `evt-${newUid()}`, date: freshDate, ...(freshTime ? { time: freshTime } : {}) };
      setDraftState(latest.current);
    }
    const onHide = () => write();
    const onVisibility = () => document.visibilityState === 'hidden' && write();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key, write, freshDate, freshTime]);

  const setDraft = useCallback(
    (update: (d: EventDraft) => EventDraft) => {
      const next = update(latest.current);
      latest.current = next;
      dirty.current = true;
      setDraftState(next);
      setEdited(true);
      write();
    },
    [write],
  );

  const clear = useCallback(() => {
    dirty.current = false;
    try {
      localStorage.removeItem(key);
    } catch {
      /* nothing to clear */
    }
  }, [key]);

  const reset = useCallback(
    (next: EventDraft) => {
      clear();
      latest.current = next;
      setDraftState(next);
      setRestoredAt(null);
      setSavedAt(null);
      setEdited(false);
    },
    [clear],
  );

  return { draft, setDraft, clear, reset, restoredAt, savedAt, edited };
}
