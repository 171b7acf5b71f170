import { makeContext } from './context';
import { capitalise } from './english';
import { composeNarrativeDraft } from './narrative';
import { titleAfterOn } from './opening';
import { composeSocial } from './social';
import { composeSummary } from './summary';
import type { ComposedPost, ComposeInput, ComposeOptions, DraftPart } from './types';

export type { ComposedPost, ComposeInput, ComposeOptions } from './types';

/** The post title for a style, from the event title (plain text: titles are never rendered as Markdown). */
function composeTitle(input: ComposeInput, options: ComposeOptions): string {
  const ctx = makeContext(input, options);
  const title = ctx.plain(input.event.title).slice(0, 180) || 'An evening out';
  // A title typed in lower case on a phone ("christmas party") starts with a capital as a headline.
  if (options.style === 'summary') return `${capitalise(title)}: summary`;
  if (options.style === 'social') return capitalise(title);
  return `Reflections on ${titleAfterOn(ctx, title)}`;
}

/**
 * Turns an event into a draft post: pure and deterministic (same input, same draft), no network, no model.
 * Private conversation notes appear only with `includeNotes`, and follow-ups only with `includeFollowUps`; people
 * marked "don't name in public" are described by role and organisation, also where the user's own text named them.
 */
export function composePost(input: ComposeInput, options: ComposeOptions): ComposedPost {
  // Headings are the user's choice; unset, a summary has them and a narrative does not.
  const headings = options.writing?.headings ?? options.style !== 'narrative';
  const ctx = makeContext(input, { ...options, writing: { ...options.writing, headings } });
  const title = composeTitle(input, options);
  if (options.style === 'summary') {
    const markdown = composeSummary(ctx);
    return { title, markdown, parts: linesAsParts(markdown, 'The event and its people') };
  }
  // The social post is plain text to copy elsewhere: escaping would show backslashes there, and it is one
  // line that never starts with Markdown syntax, so it renders (safely) as the paragraph it is.
  if (options.style === 'social') {
    const markdown = composeSocial(ctx) + '\n';
    return { title, markdown, parts: linesAsParts(markdown, 'The event, its speakers, sectors, first fact and topics') };
  }
  const draft = composeNarrativeDraft(ctx);
  return { title, markdown: draft.markdown(), parts: draft.parts() };
}

/** The summary and social styles are lists of the event's own data: each line is a part, sourced as a whole. */
function linesAsParts(markdown: string, label: string): DraftPart[] {
  return markdown
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((text) => ({ text: text.replace(/^- /, ''), from: [{ kind: 'event', label }] }));
}
