'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef } from 'react';
import { Button, ButtonLink } from '@/app/_components/ui/button';

/**
 * "Cancel" in the save bar. Cancel means "throw this away", the copy kept on the device with it (or the next visit
 * would restore what was just cancelled), so with anything typed it asks first: one stray tap beside "Save" must not
 * cost an evening's notes.
 */
export function DiscardLink({ href, changed, editing, onDiscard }: { href: string; changed: boolean; editing: boolean; onDiscard: () => void }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <ButtonLink
        href={href}
        variant="ghost"
        className="px-3"
        onClick={(e) => {
          if (!changed) return onDiscard();
          e.preventDefault();
          dialog.current?.showModal();
        }}
      >
        Cancel
      </ButtonLink>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {editing ? 'Discard your changes?' : 'Discard this event?'}
        </h2>
        <p id={`${id}-text`} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {editing
            ? 'What you changed here will be lost, and the copy kept on this device with it. The event stays as it was saved.'
            : 'What you typed will be lost, and the copy kept on this device with it.'}
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            Keep editing
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => {
              onDiscard();
              dialog.current?.close();
              router.push(href);
            }}
          >
            Discard
          </Button>
        </div>
      </dialog>
    </>
  );
}
