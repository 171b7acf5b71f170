'use client';

import { RefreshCw } from 'lucide-react';
import { useId, useRef, useState, useTransition } from 'react';
import { Button } from '@/app/_components/ui/button';
import { inputClass } from '@/app/_components/ui/field';
import { regenerateAction } from '../actions';

type Style = 'narrative' | 'summary' | 'social';
type Fresh = { title: string; markdown: string; style: Style };

/**
 * "Regenerate" from the event, in any style. The fresh draft replaces the user's text only after they say so
 * in a dialog; saying no keeps everything as it was.
 */
export function RegeneratePanel({
  postId,
  initialStyle,
  current,
  onReplace,
}: {
  postId: string;
  initialStyle: Style;
  current: Fresh;
  onReplace: (fresh: Fresh) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [style, setStyle] = useState<Style>(initialStyle);
  const [includeNotes, setIncludeNotes] = useState(false);
  const [includeFollowUps, setIncludeFollowUps] = useState(false);
  const [fresh, setFresh] = useState<Fresh | null>(null);
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();

  function regenerate() {
    setMessage('');
    startTransition(async () => {
      const result = await regenerateAction(postId, style, includeNotes, includeFollowUps);
      const draft = result.data;
      if (!result.ok || !draft) return setMessage(result.message ?? 'Could not regenerate the draft. Your text is unchanged.');
      if (draft.title === current.title && draft.markdown === current.markdown && style === current.style) {
        return setMessage('Your draft already matches the event; nothing to change.');
      }
      setFresh({ title: draft.title, markdown: draft.markdown, style });
      dialog.current?.showModal();
    });
  }

  function close(replace: boolean) {
    dialog.current?.close();
    if (replace && fresh) {
      onReplace(fresh);
      setMessage('Replaced with a fresh draft.');
    }
    setFresh(null);
  }

  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-style`} className="block text-sm font-medium">
          Style
        </label>
        <select id={`${id}-style`} className={inputClass} value={style} onChange={(e) => setStyle(e.target.value as Style)}>
          <option value="narrative">Narrative</option>
          <option value="summary">Bullet summary</option>
          <option value="social">Social post</option>
        </select>
      </div>
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" checked={includeNotes} onChange={(e) => setIncludeNotes(e.target.checked)} className="size-4 accent-accent-600" />
        Include my private conversation notes
      </label>
      {/* Off unless ticked: follow-ups are the user's own to-do list, and often name people who were not there. */}
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" checked={includeFollowUps} onChange={(e) => setIncludeFollowUps(e.target.checked)} className="size-4 accent-accent-600" />
        Include my follow-ups
      </label>
      <Button type="button" variant="secondary" className="w-full" onClick={regenerate} disabled={pending}>
        <RefreshCw aria-hidden className={`size-4 ${pending ? 'animate-spin' : ''}`} />
        {pending ? 'Writing a fresh draft…' : 'Regenerate from the event'}
      </Button>
      <p aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
        {message}
      </p>

      <dialog
        ref={dialog}
        aria-labelledby={`${id}-dialog-title`}
        onCancel={() => setFresh(null)}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${id}-dialog-title`} className="text-lg font-semibold">
          Replace your draft?
        </h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          A fresh draft from the event will replace the title and text in the editor, including any edits you made. Keep your draft if you are not sure.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => close(false)} autoFocus>
            Keep my draft
          </Button>
          <Button type="button" variant="danger" onClick={() => close(true)}>
            Replace my draft
          </Button>
        </div>
      </dialog>
    </div>
  );
}
