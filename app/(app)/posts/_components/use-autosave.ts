'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { revertPostAction, savePostAction, type PostConflict, type SaveResult } from '../actions';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';
export type Draft = { title: string; markdown: string; style: 'narrative' | 'summary' | 'social' };
const same = (a: Draft, b: Draft) => a.title === b.title && a.markdown === b.markdown && a.style === b.style;
export type Conflict = PostConflict;

const DELAY_MS = 1200;

/**
 * Saves the draft a moment after the user stops typing, one save at a time, always with the version the
 * text was based on. A stale version comes back as a conflict and nothing is overwritten until the user decides.
 */
export function useAutosave(
  postId: string,
  initial: Draft & {
    version: number;
    updatedAt: string;
    slug: string;
    offTheRecord: number;
    offTheRecordInTitle: number;
    titleWordless: boolean;
    unpublishedChanges: boolean;
  },
) {
  const [draft, setDraft] = useState<Draft>({ title: initial.title, markdown: initial.markdown, style: initial.style });
  const [state, setState] = useState<SaveState>('saved');
  const [message, setMessage] = useState<string>('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedAt, setSavedAt] = useState(initial.updatedAt);
  // The saved address: a draft never published follows its title, so a save of the title may change it.
  const [slug, setSlug] = useState(initial.slug);
  // Places of the saved text quoting a fact marked off the record, which the public page cuts.
  const [offTheRecord, setOffTheRecord] = useState(initial.offTheRecord);
  const [offTheRecordInTitle, setOffTheRecordInTitle] = useState(initial.offTheRecordInTitle);
  // The saved title has no words of its own once that is cut: publishing is refused until it has.
  const [titleWordless, setTitleWordless] = useState(initial.titleWordless);
  // Published, and the saved text edited since: readers still see it as last published.
  const [unpublishedChanges, setUnpublishedChanges] = useState(initial.unpublishedChanges);
  const version = useRef(initial.version);
  const saved = useRef<Draft>({ title: initial.title, markdown: initial.markdown, style: initial.style });
  const inFlight = useRef(false);
  const latest = useRef(draft);
  const blocked = useRef(false);
  // Held while a publish is on its way: a save landing first would change the version the publish checks.
  const paused = useRef(false);
  const [retry, setRetry] = useState(0);

  const save = useCallback(
    async (force = false) => {
      if (inFlight.current || paused.current || (blocked.current && !force)) return;
      const current = latest.current;
      if (same(current, saved.current)) {
        setState('saved');
        return;
      }
      inFlight.current = true;
      setState('saving');
      const result = await savePostAction(postId, { ...current, version: version.current }).catch(
        () => ({ ok: false, message: 'Not saved: the connection dropped. Your text is still here.' }) as SaveResult,
      );
      inFlight.current = false;
      if (result.ok && result.data) {
        version.current = result.data.version;
        saved.current = current;
        setSavedAt(result.data.updatedAt);
        setSlug(result.data.slug);
        setOffTheRecord(result.data.offTheRecord);
        setOffTheRecordInTitle(result.data.offTheRecordInTitle);
        setTitleWordless(result.data.titleWordless);
        setUnpublishedChanges(result.data.unpublishedChanges);
        setFieldErrors({});
        setMessage('');
        const changedMeanwhile = latest.current !== current;
        setState(changedMeanwhile ? 'unsaved' : 'saved');
        // Typed while this save was on its way: the effect below schedules the next one.
        if (changedMeanwhile) setRetry((n) => n + 1);
      } else if (result.conflict) {
        blocked.current = true;
        setConflict(result.conflict);
        // What is held from readers is the other copy's to say now (saved in another tab, perhaps held there).
        setUnpublishedChanges(result.conflict.unpublishedChanges);
        setState('conflict');
        setMessage(result.message ?? '');
      } else {
        setState('error');
        setMessage(result.message ?? '');
        setFieldErrors(result.fieldErrors ?? {});
      }
    },
    [postId],
  );

  useEffect(() => {
    latest.current = draft;
    if (same(draft, saved.current)) return;
    setState((s) => (s === 'conflict' ? s : 'unsaved'));
    const timer = setTimeout(() => void save(), DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, save, retry]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!same(latest.current, saved.current)) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Keep my text: save it over the other copy, now that the user has seen it. */
  const overwrite = useCallback(() => {
    if (!conflict) return;
    version.current = conflict.version;
    saved.current = { title: conflict.title, markdown: conflict.markdown, style: latest.current.style };
    blocked.current = false;
    setConflict(null);
    void save(true);
  }, [conflict, save]);

  /** Take the other copy instead of mine. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    version.current = conflict.version;
    const theirs = { title: conflict.title, markdown: conflict.markdown, style: latest.current.style };
    saved.current = theirs;
    latest.current = theirs;
    blocked.current = false;
    setConflict(null);
    setDraft(theirs);
    setSavedAt(conflict.updatedAt);
    setSlug(conflict.slug);
    setUnpublishedChanges(conflict.unpublishedChanges);
    setState('saved');
    setMessage('');
  }, [conflict]);

  /** Saves the public address on its own (not as you type: a half-typed address is not worth a save). */
  const saveSlug = useCallback(
    async (slug: string): Promise<{ ok: true; slug: string } | { ok: false; message: string }> => {
      if (inFlight.current || blocked.current) return { ok: false, message: 'Wait for the text to save, then try again.' };
      inFlight.current = true;
      const result = await savePostAction(postId, { slug, version: version.current }).catch(
        () => ({ ok: false, message: 'Not saved: the connection dropped.' }) as SaveResult,
      );
      inFlight.current = false;
      if (result.ok && result.data) {
        version.current = result.data.version;
        setSavedAt(result.data.updatedAt);
        setSlug(result.data.slug);
        return { ok: true, slug: result.data.slug };
      }
      if (result.conflict) {
        blocked.current = true;
        setConflict(result.conflict);
        setState('conflict');
        setMessage(result.message ?? '');
        return { ok: false, message: 'Not saved: this post was changed elsewhere.' };
      }
      return { ok: false, message: result.fieldErrors?.slug?.[0] ?? result.message ?? 'Not saved.' };
    },
    [postId],
  );

  /**
   * Puts back the text readers see, dropping the edits since it was published: only over what is saved, so nothing
   * typed meanwhile goes unasked. Answers what to tell the user when it could not.
   */
  const revert = useCallback(async (): Promise<string | null> => {
    if (inFlight.current || blocked.current || !same(latest.current, saved.current)) return 'Wait for your edits to save, then try again.';
    inFlight.current = true;
    const result = await revertPostAction(postId, version.current).catch(
      () => ({ ok: false, message: 'Nothing was put back: the connection dropped.' }) as const,
    );
    inFlight.current = false;
    if (!result.ok || !('data' in result) || !result.data) return result.message ?? 'Nothing was put back.';
    const back = { ...latest.current, title: result.data.title, markdown: result.data.markdown };
    version.current = result.data.version;
    saved.current = back;
    latest.current = back;
    setDraft(back);
    setSavedAt(result.data.updatedAt);
    setUnpublishedChanges(false);
    setOffTheRecord(result.data.offTheRecord);
    setOffTheRecordInTitle(result.data.offTheRecordInTitle);
    setTitleWordless(result.data.titleWordless);
    setState('saved');
    return null;
  }, [postId]);

  /** The version of the saved text: what publishing it checks against. */
  const savedVersion = useCallback(() => version.current, []);

  /** Holds saves while a publish is on its way; once it is back, what was typed meanwhile saves. */
  const pause = useCallback((on: boolean) => {
    paused.current = on;
    if (!on) setRetry((n) => n + 1);
  }, []);

  /** The draft as it is now, for a callback that outlives the render it was made in. */
  const currentDraft = useCallback(() => latest.current, []);

  /**
   * Published with a new address, the post moved on one version from the copy this editor saved: that copy is still
   * the text, so the next save builds on it. A version further on was someone else's change, and stays a conflict.
   */
  const published = useCallback((next: number) => {
    if (next === version.current + 1) version.current = next;
  }, []);

  return {
    draft,
    setDraft,
    currentDraft,
    state,
    message,
    fieldErrors,
    conflict,
    savedAt,
    slug,
    setSlug,
    offTheRecord,
    offTheRecordInTitle,
    titleWordless,
    unpublishedChanges,
    setUnpublishedChanges,
    revert,
    savedVersion,
    pause,
    overwrite,
    takeTheirs,
    saveSlug,
    published,
  };
}
