import { cache } from 'react';
import { getPublicAuthor } from '@/lib/posts/public';

/** The author for a public route's handle, read once per request (layout, metadata and page share it). */
export const loadAuthor = cache((handle: string) => getPublicAuthor(decodeParam(handle)));

/** A route parameter decoded, or '' when its percent-encoding is broken (the caller then answers 404). */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}
