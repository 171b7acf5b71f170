import { cache } from 'react';
import { getPublicAuthor } from '@/lib/posts/public';

/** The author for a public route's handle, read once per request (layout, metadata and page share it). */
export const loadAuthor = cache((handle: string) => getPublicAuthor(decodeURIComponent(handle)));
