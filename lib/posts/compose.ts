import { makeContext } from './context';
import { composeNarrative } from './narrative';
import { composeSocial } from './social';
import { composeSummary } from './summary';
import type { ComposedPost, ComposeInput, ComposeOptions } from './types';

export type { ComposedPost, ComposeInput, ComposeOptions } from './types';

/** The post title for a style, from the event title (plain text: titles are never rendered as Markdown). */
export function composeTitle(input: ComposeInput, options: ComposeOptions): string {
  const title = makeContext(input, options).plain(input.event.title).slice(0, 180) || 'An evening out';
  if (options.style === 'summary') return `${title}: summary`;
  if (options.style === 'social') return title;
  return `Reflections on ${title}`;
}

/**
 * Turns an event into a draft post: pure and deterministic (same input, same draft), no network, no model.
 * Private conversation notes appear only with `includeNotes`; people marked "don't name in public" are
 * described by role and organisation, also where the user's own text named them.
 */
export function composePost(input: ComposeInput, options: ComposeOptions): ComposedPost {
  const ctx = makeContext(input, options);
  const title = composeTitle(input, options);
  if (options.style === 'summary') return { title, markdown: composeSummary(ctx) };
  // The social post is plain text to copy elsewhere: escaping would show backslashes there, and it is one
  // line that never starts with Markdown syntax, so it renders (safely) as the paragraph it is.
  if (options.style === 'social') return { title, markdown: composeSocial(ctx) + '\n' };
  return { title, markdown: composeNarrative(ctx) };
}
