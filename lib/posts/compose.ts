import { makeContext } from './context';
import { escapeMd } from './english';
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
  if (options.style === 'social') return { title, markdown: escapeSocial(composeSocial(ctx)) + '\n' };
  return { title, markdown: composeNarrative(ctx) };
}

/**
 * The social post is plain text meant for copying; only what Markdown would otherwise eat is escaped
 * (hashtags never start the line, so they stay as they are).
 */
function escapeSocial(text: string): string {
  return text
    .split(/(\s#[\p{L}\p{N}]+)/u)
    .map((part, i) => (i % 2 === 1 ? part : escapeMd(part)))
    .join('');
}
