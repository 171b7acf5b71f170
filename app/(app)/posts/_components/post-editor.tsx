'use client';

import { Check, CircleAlert, Copy, Loader2 } from 'lucide-react';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { inputClass } from '@/app/_components/ui/field';
import { AddressField } from './address-field';
import { ConflictBanner } from './conflict-banner';
import { proseClass } from '@/app/_components/posts/prose';
import { describedIn, namedIn, type DescribedPerson, type NamedPerson } from '@/lib/posts/mentions';
import { OffTheRecordNotice, offTheRecordPhrase } from './off-the-record-notice';
import { factsRepeated, reflectionQuoted } from '@/lib/posts/reflection';
import { PublishPanel } from './publish-panel';
import { RegeneratePanel } from './regenerate-panel';
import { SourcesPanel } from './sources-panel';
import type { DraftPart } from '@/lib/posts/types';
import { useAutosave, type SaveState } from './use-autosave';

export interface EditorPost {
  id: string;
  title: string;
  markdown: string;
  style: 'narrative' | 'summary' | 'social';
  status: 'draft' | 'published';
  version: number;
  updatedAt: string;
  hasEvent: boolean;
  handle: string;
  slug: string;
  /** The body rendered on the server, shown until the Markdown renderer has loaded in the browser. */
  initialHtml: string;
  /** The named people met at the event: publishing asks about any the post names. */
  met: NamedPerson[];
  /** The user's other people whose names the post, or its event's notes, hold (a follow-up may name someone not there). */
  others: NamedPerson[];
  /** When a name in lower case names someone (lib/people/name-scrub.ts) as data: "coffee with jo" is checked as the server checks it. */
  calledOn: { before: string; notAfter: string; flags: string };
  /** Those at the event the post can only describe (no name, or private): publishing lists any whose organisation it mentions. */
  described: DescribedPerson[];
  /** Places of the saved text quoting a fact marked off the record since (the public page cuts them). */
  offTheRecord: number;
  /** How many of those places are in the title (publishing says so first: a title cannot read "[…]" well). */
  offTheRecordInTitle: number;
  /** The title has no words of its own once what is off the record is cut: publishing is refused until it has. */
  titleWordless: boolean;
  /** Published, and edited since: readers see the text as last published until the edits are put out. */
  unpublishedChanges: boolean;
  /** What each generated sentence was written from, when the event is still there. */
  sources?: DraftPart[] | null;
  /** The event's reflection, private until now: publishing says when the post still carries it. */
  reflection?: string | null;
  /** The event's facts someone there told the user, with who: publishing names those the post repeats. */
  told?: { text: string; name: string }[];
}

const STATUS_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Not saved',
};

function SaveStatus({ state, message }: { state: SaveState; message: string }) {
  const icon =
    state === 'saving' ? (
      <Loader2 aria-hidden className="size-4 animate-spin" />
    ) : state === 'saved' ? (
      <Check aria-hidden className="size-4" />
    ) : state === 'unsaved' ? null : (
      <CircleAlert aria-hidden className="size-4" />
    );
  const tone = state === 'error' || state === 'conflict' ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400';
  return (
    <p role="status" aria-live="polite" className={`flex min-w-0 items-center gap-1.5 text-sm ${tone}`} data-save-state={state}>
      {icon}
      {state === 'error' && message ? message : STATUS_TEXT[state]}
    </p>
  );
}

/**
 * On a published post: edits are saved as they are typed but held from readers until "Update the public page"; this
 * says so, and while edits are held, offers to drop them (asked once more: it takes back what was written).
 */
function HeldEdits({
  held,
  publicPath,
  canRevert,
  onRevert,
  onReverted,
}: {
  held: boolean;
  publicPath: string;
  canRevert: boolean;
  onRevert: () => Promise<string | null>;
  /** Put back: focus goes to the text that changed (the buttons that were pressed are gone). */
  onReverted: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const question = useId();
  // Said once the edits are dropped, until there are edits again.
  const [putBack, setPutBack] = useState(false);
  const [wasHeld, setWasHeld] = useState(held);
  if (wasHeld !== held) {
    setWasHeld(held);
    if (held) setPutBack(false);
  }
  const keep = () => {
    setAsking(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const link = (
    <a href={publicPath} target="_blank" rel="noopener" className="font-medium underline">
      the public page
    </a>
  );
  return (
    <div
      role="note"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
    >
      {held ? (
        <>
          <p>Readers still see {link} as you last published it. Your edits go out when you tap “Update the public page”.</p>
          {asking ? (
            <div
              role="alertdialog"
              aria-labelledby={question}
              onKeyDown={(e) => {
                if (e.key === 'Escape') keep();
              }}
              className="flex flex-wrap items-center gap-2"
            >
              <p id={question} className="font-medium">
                Put back the published text? Your edits since are dropped.
              </p>
              <Button
                type="button"
                variant="secondary"
                disabled={busy || !canRevert}
                onClick={async () => {
                  setBusy(true);
                  const failed = await onRevert();
                  setBusy(false);
                  setProblem(failed ?? '');
                  if (failed) return;
                  setAsking(false);
                  setPutBack(true);
                  onReverted();
                }}
              >
                {busy ? 'Putting back…' : 'Put it back'}
              </Button>
              <Button type="button" variant="ghost" onClick={keep} autoFocus>
                Keep my edits
              </Button>
            </div>
          ) : (
            <Button ref={opener} type="button" variant="ghost" className="-ml-3" onClick={() => setAsking(true)}>
              Put back the published text
            </Button>
          )}
          {problem ? <p role="alert">{problem}</p> : null}
        </>
      ) : (
        <p role="status">
          {putBack ? 'Put back: this is the text readers see. ' : ''}This post is published. Your edits are saved as you type, and readers see them once you tap
          “Update the public page”.
        </p>
      )}
    </div>
  );
}

/** The post editor: title and Markdown with a live preview, autosave with a version check, regenerate, publish. */
export function PostEditor({ post, children }: { post: EditorPost; children?: React.ReactNode }) {
  const id = useId();
  const auto = useAutosave(post.id, {
    title: post.title,
    markdown: post.markdown,
    style: post.style,
    version: post.version,
    updatedAt: post.updatedAt,
    slug: post.slug,
    offTheRecord: post.offTheRecord,
    offTheRecordInTitle: post.offTheRecordInTitle,
    titleWordless: post.titleWordless,
    unpublishedChanges: post.unpublishedChanges,
  });
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  // Whom the post as it stands names, and whom it describes by an organisation it mentions: Publish asks about both.
  const text = `${auto.draft.title}\n${auto.draft.markdown}`;
  const { before, notAfter, flags } = post.calledOn;
  const calledOn = useMemo(() => ({ before: new RegExp(before, flags), notAfter: new RegExp(notAfter, flags) }), [before, notAfter, flags]);
  const named = namedIn(text, post.met, post.others, { calledOn });
  const preview = useDeferredValue(auto.draft.markdown);
  // markdown-it is a third of this page's script: load it after the editor is usable.
  const [render, setRender] = useState<((markdown: string) => string) | null>(null);
  useEffect(() => {
    let live = true;
    void import('@/lib/posts/render').then((m) => live && setRender(() => m.renderMarkdown));
    return () => {
      live = false;
    };
  }, []);
  const previewHtml = render ? render(preview) : preview === post.markdown ? post.initialHtml : '';
  const chars = [...auto.draft.markdown.trim()].length;
  const [copied, setCopied] = useState(false);
  const [published, setPublished] = useState(post.status === 'published');
  const body = useRef<HTMLTextAreaElement>(null);
  /** Selects a sentence in the Markdown, switching to the Write view on a phone. */
  function findInDraft(text: string) {
    const at = auto.draft.markdown.indexOf(text);
    const el = body.current;
    if (at < 0 || !el) return;
    setTab('write');
    // After the Write view is shown, so that the textarea can take focus.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at + text.length);
    });
  }
  // Copying what quotes an off-the-record fact takes a second tap, once the user has been told.
  const [copyWarned, setCopyWarned] = useState(false);
  async function copy() {
    if (auto.offTheRecord > 0 && !copyWarned) {
      setCopyWarned(true);
      return;
    }
    setCopyWarned(false);
    try {
      await navigator.clipboard.writeText(auto.draft.markdown.trim());
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }

  const tabButton = (value: 'write' | 'preview', label: string) => (
    <button
      type="button"
      aria-pressed={tab === value}
      onClick={() => setTab(value)}
      className="min-h-11 flex-1 rounded-lg px-3 text-sm font-medium aria-pressed:bg-white aria-pressed:shadow-sm dark:aria-pressed:bg-zinc-800"
    >
      {label}
    </button>
  );

  return (
    <div className="space-y-4">
      {/* Stays in view while writing, so "Saved" or a problem is always visible. */}
      <div className="sticky top-14 z-20 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 bg-zinc-50/95 px-4 py-2 backdrop-blur md:top-0 md:-mx-8 md:px-8 dark:border-zinc-800 dark:bg-zinc-950/95">
        <SaveStatus state={auto.state} message={auto.message} />
        <PublishPanel
          postId={post.id}
          initialStatus={post.status}
          publicPath={`/u/${post.handle}/${auto.slug}`}
          canPublish={auto.state === 'saved'}
          named={named}
          described={describedIn(text, post.described).filter((p) => !named.some((n) => n.id === p.id))}
          offTheRecord={auto.offTheRecord}
          offTheRecordInTitle={auto.offTheRecordInTitle}
          titleWordless={auto.titleWordless}
          onChangeTitle={() => {
            setTab('write');
            requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus());
          }}
          reflection={reflectionQuoted(text, post.reflection)}
          told={factsRepeated(text, post.told ?? [])}
          changes={auto.unpublishedChanges}
          savedVersion={auto.savedVersion}
          onBusy={auto.pause}
          onChange={(status, slug, version, after) => {
            setPublished(status === 'published');
            // Published (or unpublished): readers see the saved text, or nothing, as of the version it answers for. A
            // save that landed after it (typed meanwhile) has said for itself what is held.
            if (version !== null) auto.published(version);
            if (after.version === auto.savedVersion()) auto.setUnpublishedChanges(after.unpublishedChanges);
            auto.setSlug(slug);
          }}
        />
      </div>
      <div className="min-w-0 space-y-4">
        {published ? (
          <HeldEdits
            held={auto.unpublishedChanges}
            publicPath={`/u/${post.handle}/${auto.slug}`}
            canRevert={auto.state === 'saved'}
            onRevert={auto.revert}
            onReverted={() => requestAnimationFrame(() => body.current?.focus())}
          />
        ) : null}
        {auto.offTheRecord > 0 ? (
          <OffTheRecordNotice
            published={published}
            places={auto.offTheRecord}
            title={auto.draft.title}
            markdown={auto.draft.markdown}
            onCut={(sent, cut) => {
              // Only over the text that was sent: what was typed during the round trip is not overwritten.
              const now = auto.currentDraft();
              if (now.title !== sent.title || now.markdown !== sent.markdown) return false;
              auto.setDraft({ ...now, title: cut.title, markdown: cut.markdown });
              return true;
            }}
          />
        ) : null}
        {auto.conflict ? <ConflictBanner conflict={auto.conflict} mine={auto.draft} onKeepMine={auto.overwrite} onTakeTheirs={auto.takeTheirs} /> : null}
        <div className="space-y-1.5">
          <label htmlFor={`${id}-title`} className="block text-sm font-medium">
            Title
          </label>
          {/* A title wraps as long as it is, where a one-line field cut it at 390 px ("What I learnt at the CIO Club in D");
              it is still one line of text: Enter goes on to the post, and a line break pasted in becomes a space. */}
          <textarea
            id={`${id}-title`}
            // Two rows where a browser cannot size a field to its text (field-sizing): a long title still shows.
            rows={2}
            className={`${inputClass} field-sizing-content resize-none text-lg font-semibold`}
            value={auto.draft.title}
            aria-invalid={!!auto.fieldErrors.title || undefined}
            aria-describedby={`${id}-title-hint ${id}-title-error`}
            enterKeyHint="next"
            onKeyDown={(e) => {
              // Not the Enter that confirms a word being composed (Chinese, Japanese); on the Preview tab, the post is
              // shown first.
              if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
              e.preventDefault();
              setTab('write');
              requestAnimationFrame(() => body.current?.focus());
            }}
            onChange={(e) => auto.setDraft({ ...auto.draft, title: e.target.value.replace(/[\r\n]+/g, ' ') })}
          />
          <p id={`${id}-title-hint`} className="sr-only">
            One line: Enter goes on to the post.
          </p>
          <div id={`${id}-title-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
            {auto.fieldErrors.title?.map((e) => (
              <p key={e}>{e}</p>
            ))}
            {/* Said where it is mended, and for as long as it holds: a cut can leave the title as "[…]" alone. */}
            {!auto.fieldErrors.title?.length && auto.titleWordless ? (
              <p className="text-amber-800 dark:text-amber-300">
                {published && !auto.unpublishedChanges
                  ? 'The public page shows this title as “[…]” alone, once what is off the record is cut: give it words of its own.'
                  : `The title reads only “[…]” once what is off the record is cut: give it words of its own before ${published ? 'you update the public page' : 'publishing'}.`}
              </p>
            ) : null}
          </div>
        </div>

        <div className="flex gap-1 rounded-xl bg-zinc-100 p-1 lg:hidden dark:bg-zinc-900" role="group" aria-label="Editor view">
          {tabButton('write', 'Write')}
          {tabButton('preview', 'Preview')}
        </div>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div className={`space-y-1.5 ${tab === 'write' ? '' : 'hidden lg:block'}`}>
            <label htmlFor={`${id}-body`} className="block text-sm font-medium">
              Post, in Markdown
            </label>
            <textarea
              ref={body}
              id={`${id}-body`}
              className={`${inputClass} min-h-[55vh] field-sizing-content text-base leading-relaxed`}
              value={auto.draft.markdown}
              aria-invalid={!!auto.fieldErrors.markdown || undefined}
              aria-describedby={`${id}-body-hint ${id}-body-error`}
              onChange={(e) => auto.setDraft({ ...auto.draft, markdown: e.target.value })}
            />
            <p id={`${id}-body-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
              {auto.draft.style === 'social'
                ? `${chars} of 280 characters${chars >= 280 ? ': too long for most networks' : ''}`
                : '## for a heading, - for a list, **bold**, [link](https://…). Saved as you type.'}
            </p>
            <div id={`${id}-body-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
              {auto.fieldErrors.markdown?.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
            <button
              type="button"
              onClick={copy}
              className="inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
              <span aria-live="polite">{copied ? 'Copied' : auto.draft.style === 'social' ? 'Copy the post' : 'Copy the Markdown'}</span>
            </button>
            {copyWarned && auto.offTheRecord > 0 ? (
              <p role="status" className="text-sm text-amber-900 dark:text-amber-100">
                It quotes {offTheRecordPhrase(auto.offTheRecord)}. Cut {auto.offTheRecord === 1 ? 'it' : 'them'} first (above), or tap Copy again to copy it as
                it is.
              </p>
            ) : null}
          </div>
          <section aria-label="Preview" className={`min-w-0 ${tab === 'preview' ? '' : 'hidden lg:block'}`}>
            <p className="mb-1.5 text-sm font-medium" aria-hidden>
              Preview
            </p>
            <div className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
              <h2 className="mb-4 text-2xl font-semibold tracking-tight wrap-anywhere">{auto.draft.title}</h2>
              <div data-testid="post-preview" className={proseClass} dangerouslySetInnerHTML={{ __html: previewHtml }} />
            </div>
          </section>
        </div>
      </div>

      <div className="grid gap-4 border-t border-zinc-200 pt-4 sm:grid-cols-2 dark:border-zinc-800">
        {post.hasEvent ? (
          <details className="self-start rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <summary className="flex min-h-11 cursor-pointer items-center text-sm font-semibold">Regenerate from the event</summary>
            <div className="mt-3">
              <RegeneratePanel postId={post.id} initialStyle={auto.draft.style} current={auto.draft} onReplace={(fresh) => auto.setDraft(fresh)} />
            </div>
          </details>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">The event this post came from was deleted, so it cannot be regenerated.</p>
        )}
        {post.sources ? (
          <div className="sm:col-span-2">
            <SourcesPanel parts={post.sources} markdown={auto.draft.markdown} onFind={findInDraft} />
          </div>
        ) : null}
        <div className="space-y-4">
          <AddressField handle={post.handle} slug={auto.slug} published={published} onSave={auto.saveSlug} />
          {children}
        </div>
      </div>
    </div>
  );
}
