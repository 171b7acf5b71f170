import type { DraftPart, DraftSource } from './types';

type Block = { kind: 'p'; parts: DraftPart[] } | { kind: 'h'; text: string } | { kind: 'list'; parts: DraftPart[] };

/**
 * A draft built sentence by sentence, each with what it was written from: the Markdown is the sentences
 * joined into paragraphs, and the parts feed the editor's "where this came from" panel.
 */
export class Draft {
  private blocks: Block[] = [];

  /** Starts a new paragraph (an empty one is dropped). */
  paragraph(): this {
    this.blocks.push({ kind: 'p', parts: [] });
    return this;
  }

  /** Adds a sentence to the current paragraph. */
  say(text: string, from: DraftSource[]): this {
    if (!text) return this;
    const last = this.blocks[this.blocks.length - 1];
    if (last?.kind === 'p') last.parts.push({ text, from });
    else this.blocks.push({ kind: 'p', parts: [{ text, from }] });
    return this;
  }

  heading(text: string): this {
    this.blocks.push({ kind: 'h', text });
    return this;
  }

  list(parts: DraftPart[]): this {
    if (parts.length) this.blocks.push({ kind: 'list', parts });
    return this;
  }

  /** Drops a heading that nothing follows. */
  private tidy(): Block[] {
    const out = this.blocks.filter((b) => b.kind === 'h' || b.parts.length > 0);
    return out.filter((b, i) => b.kind !== 'h' || (out[i + 1] !== undefined && out[i + 1]!.kind !== 'h'));
  }

  markdown(): string {
    return (
      this.tidy()
        .map((b) => (b.kind === 'h' ? `## ${b.text}` : b.kind === 'p' ? b.parts.map((p) => p.text).join(' ') : b.parts.map((p) => `- ${p.text}`).join('\n')))
        .join('\n\n') + '\n'
    );
  }

  parts(): DraftPart[] {
    return this.tidy().flatMap((b) => (b.kind === 'h' ? [] : b.parts));
  }
}
