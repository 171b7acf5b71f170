'use client';

import { ExternalLink, Globe, GlobeLock } from 'lucide-react';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { Button } from '@/app/_components/ui/button';
import { buttonClass } from '@/app/_components/ui/button-class';
import type { DescribedPerson, NamedPerson } from '@/lib/posts/mentions';
import { setPublishedAction } from '../actions';
import { offTheRecordPhrase } from './off-the-record-notice';

/** "A", "A and B", "A, B and C"; past eight, "A, B, … H and 32 others". */
function listOf(names: string[]): string {
  const shown = names.length > 8 ? [...names.slice(0, 8), `${names.length - 8} others`] : names;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Publish or unpublish, and the public address once published. */
export function PublishPanel({
  postId,
  initialStatus,
  publicPath,
  canPublish,
  named,
  described = [],
  offTheRecord = 0,
  offTheRecordInTitle = 0,
  titleWordless = false,
  reflection = null,
  told = [],
  changes = false,
  savedVersion,
  onChange,
  onBusy,
  onChangeTitle,
}: {
  postId: string;
  initialStatus: 'draft' | 'published';
  publicPath: string;
  /** False while there are unsaved changes or a conflict: publish what is saved, not half a sentence. */
  canPublish: boolean;
  /** The user's people whom the post names, met at the event or not: publishing lists them and asks first. */
  named: NamedPerson[];
  /** Those it names no one for but describes by an organisation it mentions ("the IT director at HMRC"). */
  described?: DescribedPerson[];
  /** Places of the saved text quoting a fact marked off the record: the public page shows "[…]" there. */
  offTheRecord?: number;
  /** How many of those places are in the title. */
  offTheRecordInTitle?: number;
  /** The title has no words of its own once that is cut ("[…]"): the server refuses to publish it, so this says so first. */
  titleWordless?: boolean;
  /** A sentence of the event's private reflection that the text carries, quoted back before it goes out. */
  reflection?: string | null;
  /** Facts on the record that the post repeats, each with who told the user: read once more as public. */
  told?: { text: string; name: string }[];
  /** Published, and its saved text edited since: readers see it as last published until it is updated. */
  changes?: boolean;
  /** The version of the saved text, which an update of the public page must still be (else someone else's copy). */
  savedVersion?: () => number;
  /**
   * After a change, with the post's address, and the version when publishing gave it a new one (and so a new version):
   * an address quoting an off-the-record fact. Null otherwise.
   */
  onChange?: (status: 'draft' | 'published', slug: string, movedToVersion: number | null, after: { version: number; unpublishedChanges: boolean }) => void;
  /** While a publish, update or unpublish is on its way: the editor holds its autosave, which would change the version it checks. */
  onBusy?: (busy: boolean) => void;
  /** Takes the user to the title, to change it (the question closes). */
  onChangeTitle?: () => void;
}) {
  const [status, setStatus] = useState(initialStatus);
  const [confirming, setConfirming] = useState(false);
  // Unpublishing is asked about too: a tap beside "Update" would leave every reader's link at "Not found".
  const [unpublishing, setUnpublishing] = useState(false);
  const unpublishOpener = useRef<HTMLButtonElement>(null);
  const keepPublished = () => {
    setUnpublishing(false);
    requestAnimationFrame(() => unpublishOpener.current?.focus());
  };
  const opener = useRef<HTMLButtonElement>(null);
  const view = useRef<HTMLAnchorElement>(null);
  const notYet = () => {
    setConfirming(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const [message, setMessage] = useState<ReactNode>('');
  // A refusal is said in red, with the way on when it is "changed elsewhere"; news of what happened, in grey.
  const [refused, setRefused] = useState<'no' | 'yes' | 'stale'>('no');
  // The button pressed is gone once the answer is drawn: focus goes to the one in its place, once it is there.
  const [refocus, setRefocus] = useState<'view' | 'opener' | null>(null);
  useEffect(() => {
    const el = refocus === 'view' ? view.current : refocus === 'opener' ? opener.current : null;
    if (!el) return;
    el.focus();
    setRefocus(null);
  });
  const [pending, startTransition] = useTransition();
  // Which way the pending request goes, for the button that says so.
  const [going, setGoing] = useState(true);
  // Edited since: "Published. Anyone with the link can read it." would now say less than the truth about the text.
  const [held, setHeld] = useState(changes);
  if (held !== changes) {
    setHeld(changes);
    if (changes) setMessage('');
  }

  function toggle(publish: boolean) {
    setConfirming(false);
    setMessage('');
    setRefused('no');
    setGoing(publish);
    const update = publish && status === 'published';
    // Publishing (or updating) from the question above confirms the names it listed (the server asks for that).
    const confirmNamed = publish && named.some((p) => p.keepPrivate);
    onBusy?.(true);
    startTransition(async () => {
      const result = await setPublishedAction(postId, publish, confirmNamed, publish ? savedVersion?.() : undefined).finally(() => onBusy?.(false));
      const post = result.data;
      if (!result.ok || !post) {
        setRefused(result.conflict ? 'stale' : 'yes');
        setMessage(
          result.conflict && update
            ? 'Not updated: this post was changed in another tab or device since this one saved it. Reload to see that copy first.'
            : (result.message ?? 'Something went wrong on our side; nothing changed.'),
        );
        setRefocus('opener');
        // Refused for its title: to the title, where it is mended.
        if (result.fieldErrors?.title) onChangeTitle?.();
        return;
      }
      setStatus(post.status);
      onChange?.(post.status, post.slug, post.moved ? post.version : null, { version: post.version, unpublishedChanges: post.unpublishedChanges });
      setRefocus(post.status === 'published' ? 'view' : 'opener');
      const moved = post.url !== publicPath;
      setMessage(
        post.status === 'draft' ? (
          'Unpublished: it is a private draft again.'
        ) : update ? (
          'Updated: the public page now shows your edits.'
        ) : moved ? (
          // Short enough for the pinned bar of a phone: the address itself is in the field under the post.
          <>
            Published at{' '}
            <a href={post.url} target="_blank" rel="noopener" className="font-medium text-accent-700 underline dark:text-accent-400">
              a new address
            </a>
            : the old one quoted a fact you marked off the record.
          </>
        ) : (
          'Published. Anyone with the link can read it.'
        ),
      );
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby={`${postId}-publish-q`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') notYet();
          }}
          className="w-full space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p id={`${postId}-publish-q`} className="font-medium">
            {status === 'published' ? 'Update the public page? Readers will see your edits.' : 'Publish? Anyone with the link will be able to read it.'}
          </p>
          {/* First: a headline that reads "[…]" is the one thing every reader sees. */}
          {titleWordless || offTheRecordInTitle ? (
            <div className="space-y-2 rounded-md border border-amber-400 bg-white/60 p-2 dark:border-amber-700 dark:bg-zinc-900/40">
              <p className="font-medium">
                {titleWordless
                  ? 'Its title would read only “[…]”: once what is off the record is cut, it has no words of its own. Give it a title before it goes out.'
                  : `Its title quotes a fact you marked off the record: readers would see “[…]” in the headline${
                      offTheRecord > offTheRecordInTitle
                        ? `, and in ${offTheRecord - offTheRecordInTitle} more ${offTheRecord - offTheRecordInTitle === 1 ? 'place' : 'places'} of the text`
                        : ''
                    }.`}
              </p>
              {onChangeTitle ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    setConfirming(false);
                    onChangeTitle();
                  }}
                >
                  Change the title
                </Button>
              ) : null}
            </div>
          ) : null}
          {named.length ? <p>It names {listOf(named.map((p) => p.name))}. Make sure they are happy to be named.</p> : <p>It names none of your contacts.</p>}
          {described.length ? (
            <p>
              It also describes {listOf(described.map((p) => `“${p.label}”`))} by role. Someone who was there may still tell who{' '}
              {described.length === 1 ? 'that is' : 'they are'}.
            </p>
          ) : null}
          {told.length ? (
            <p>
              It repeats what {listOf([...new Set(told.map((f) => (f.name === 'Someone unnamed' ? 'someone unnamed' : f.name)))])} told you (
              {told.length === 1 ? '1 fact' : `${told.length} facts`}). {told.length === 1 ? 'Check it was' : 'Check they were'} said on the record: a fact you
              mark off the record is cut from the public page.
            </p>
          ) : null}
          {offTheRecord && !offTheRecordInTitle ? (
            <p>
              It quotes {offTheRecordPhrase(offTheRecord)}: the public page will show “[…]” there. Cut {offTheRecord === 1 ? 'it' : 'them'} from the draft first
              for it to read well.
            </p>
          ) : null}
          {reflection ? (
            <p>
              It carries your reflection on the evening{status === 'published' ? '' : ', which only you have read until now'} (“
              {reflection.length > 90 ? `${reflection.slice(0, 88)}…` : reflection}”). Read it once more before it goes out.
            </p>
          ) : null}
          {named.some((p) => p.keepPrivate) ? (
            <p className="font-medium text-red-700 dark:text-red-300">
              {listOf(named.filter((p) => p.keepPrivate).map((p) => p.name))} asked not to be named in public.
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={notYet} autoFocus>
              Not yet
            </Button>
            {/* Typing on while asked: what would go out is not saved yet, so wait for it. */}
            {/* Refused by the server as it stands: no button that can only fail. */}
            {titleWordless ? null : (
              <Button type="button" onClick={() => toggle(true)} disabled={pending || !canPublish}>
                <Globe aria-hidden className="size-4" />
                {pending
                  ? status === 'published'
                    ? 'Updating…'
                    : 'Publishing…'
                  : !canPublish
                    ? 'Saving…'
                    : status === 'published'
                      ? 'Update now'
                      : 'Publish now'}
              </Button>
            )}
          </div>
        </div>
      ) : status === 'published' ? (
        <>
          {/* Edits held from readers: putting them out is the one thing to do (the page itself is linked in the note). */}
          {changes ? (
            <Button
              ref={opener}
              type="button"
              onClick={() => setConfirming(true)}
              disabled={pending || !canPublish}
              aria-describedby={!canPublish ? `${postId}-publish-hint` : undefined}
            >
              <Globe aria-hidden className="size-4" />
              {pending && going ? 'Updating…' : 'Update the public page'}
            </Button>
          ) : (
            <a ref={view} href={publicPath} target="_blank" rel="noopener" className={buttonClass('secondary')}>
              <ExternalLink aria-hidden className="size-4" />
              View the public page
            </a>
          )}
          {unpublishing ? (
            <div
              role="alertdialog"
              aria-labelledby={`${postId}-unpublish-q`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') keepPublished();
              }}
              className="w-full space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <p id={`${postId}-unpublish-q`} className="font-medium">
                Unpublish? Anyone following a link to it will find nothing until you publish it again.
              </p>
              <div className="flex flex-wrap justify-end gap-2">
                <Button type="button" variant="ghost" onClick={keepPublished} autoFocus>
                  Keep it published
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    setUnpublishing(false);
                    toggle(false);
                  }}
                >
                  Unpublish now
                </Button>
              </div>
            </div>
          ) : (
            <Button ref={unpublishOpener} type="button" variant="ghost" onClick={() => setUnpublishing(true)} disabled={pending}>
              <GlobeLock aria-hidden className="size-4" />
              {pending && !going ? 'Unpublishing…' : 'Unpublish'}
            </Button>
          )}
          {/* Asked since it went out (or named in an edit): the page is public now, so say so where it can be mended. */}
          {named.some((p) => p.keepPrivate) ? (
            <p role="status" className="w-full text-right text-sm font-medium text-red-700 dark:text-red-300">
              {listOf(named.filter((p) => p.keepPrivate).map((p) => p.name))} asked not to be named in public, and this post names them.
            </p>
          ) : null}
        </>
      ) : (
        <Button
          ref={opener}
          type="button"
          onClick={() => setConfirming(true)}
          disabled={pending || !canPublish}
          aria-describedby={!canPublish ? `${postId}-publish-hint` : undefined}
          title={!canPublish ? 'You can publish once your changes are saved.' : undefined}
        >
          <Globe aria-hidden className="size-4" />
          {pending ? 'Publishing…' : 'Publish'}
        </Button>
      )}
      {!canPublish ? (
        <span id={`${postId}-publish-hint`} className="sr-only">
          You can publish once your changes are saved.
        </span>
      ) : null}
      <p
        aria-live="polite"
        className={`w-full text-sm break-words empty:hidden sm:text-right ${refused === 'no' ? 'text-zinc-600 dark:text-zinc-400' : 'font-medium text-red-700 dark:text-red-300'}`}
      >
        {message}
        {refused === 'stale' ? (
          <>
            {' '}
            <button type="button" className="min-h-11 underline" onClick={() => window.location.reload()}>
              Reload
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
