import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';
import { getForwardedHandle, getPublicAuthor, type PublicAuthor } from '@/lib/posts/public';

/** The author for a public route's handle, read once per request (layout, metadata and page share it). */
export const loadAuthor = cache((handle: string) => getPublicAuthor(decodeParam(handle)));

/** The handle a given-up handle now forwards to, read once per request; null when it forwards nowhere. */
export const loadForwardedHandle = cache((handle: string) => getForwardedHandle(decodeParam(handle)));

/**
 * The author of a public page, or, for a handle its author has since changed, a permanent redirect to the same page
 * under the new handle (`rest` is the rest of the path, as received), so links shared before the change keep working;
 * 404 for anything else.
 */
export async function authorOrForward(handle: string, rest = ''): Promise<PublicAuthor> {
  const author = await loadAuthor(handle);
  if (author) return author;
  const movedTo = await loadForwardedHandle(handle);
  if (movedTo) permanentRedirect(`/u/${movedTo}${rest}`);
  notFound();
}

/** A route parameter decoded, or '' when its percent-encoding is broken (the caller then answers 404). */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}
