'use client';

import { ExternalLink, Globe, GlobeLock } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Button, buttonClass } from '@/app/_components/ui/button';
import { setPublishedAction } from '../actions';

/** Publish or unpublish, and the public address once published. */
export function PublishPanel({
  postId,
  initialStatus,
  publicPath,
  canPublish,
  onChange,
}: {
  postId: string;
  initialStatus: 'draft' | 'published';
  publicPath: string;
  /** False while there are unsaved changes or a conflict: publish what is saved, not half a sentence. */
  canPublish: boolean;
  onChange?: (status: 'draft' | 'published') => void;
}) {
  const [status, setStatus] = useState(initialStatus);
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();

  function toggle(publish: boolean) {
    setMessage('');
    startTransition(async () => {
      const result = await setPublishedAction(postId, publish);
      if (!result.ok) return setMessage(result.message);
      setStatus(result.status);
      onChange?.(result.status);
      setMessage(result.status === 'published' ? 'Published. Anyone with the link can read it.' : 'Unpublished: it is a private draft again.');
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {status === 'published' ? (
        <>
          <a href={publicPath} target="_blank" rel="noopener" className={buttonClass('secondary')}>
            <ExternalLink aria-hidden className="size-4" />
            View the public page
          </a>
          <Button type="button" variant="ghost" onClick={() => toggle(false)} disabled={pending}>
            <GlobeLock aria-hidden className="size-4" />
            {pending ? 'Unpublishing…' : 'Unpublish'}
          </Button>
        </>
      ) : (
        <Button
          type="button"
          onClick={() => toggle(true)}
          disabled={pending || !canPublish}
          aria-describedby={!canPublish ? `${postId}-publish-hint` : undefined}
          title={!canPublish ? 'You can publish once your changes are saved.' : undefined}
        >
          <Globe aria-hidden className="size-4" />
          {pending ? 'Publishing…' : 'Publish'}
        </Button>
      )}
      {!canPublish && status === 'draft' ? (
        <span id={`${postId}-publish-hint`} className="sr-only">
          You can publish once your changes are saved.
        </span>
      ) : null}
      <p aria-live="polite" className="w-full text-right text-sm text-zinc-600 empty:hidden dark:text-zinc-400">
        {message}
      </p>
    </div>
  );
}
