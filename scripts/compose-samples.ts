/**
 * The drafts of the sample evenings (tests/fixtures/evenings.ts) in every style, as Markdown.
 *
 *   npx tsx scripts/compose-samples.ts            the drafts as the composer writes them now
 *   npx tsx scripts/compose-samples.ts --compare  each beside its "before" (docs/posts-before.generated.md,
 *                                                 written by this script from the composer as it was before
 *                                                 issue 16), for docs/posts.md
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composePost } from '@/lib/posts/compose';
import { POST_STYLES } from '@/lib/posts/types';
import { SAMPLE_EVENINGS } from '@/tests/fixtures/evenings';

const fence = (md: string) => `\`\`\`\`markdown\n${md.trimEnd()}\n\`\`\`\``;

/** "### evening" → "#### style: title" → fenced draft, as the plain mode prints them. */
function parseBefore(text: string): Map<string, Map<string, { title: string; markdown: string }>> {
  const out = new Map<string, Map<string, { title: string; markdown: string }>>();
  for (const evening of text.split(/^### /m).slice(1)) {
    const [name = '', ...rest] = evening.split('\n');
    const styles = new Map<string, { title: string; markdown: string }>();
    for (const block of rest
      .join('\n')
      .split(/^#### /m)
      .slice(1)) {
      const head = block.slice(0, block.indexOf('\n'));
      const [style = '', ...title] = head.split(': ');
      const body = /````markdown\n([\s\S]*?)\n````/.exec(block)?.[1] ?? '';
      styles.set(style, { title: title.join(': '), markdown: body });
    }
    out.set(name.trim(), styles);
  }
  return out;
}

const compare = process.argv.includes('--compare');
const before = compare ? parseBefore(readFileSync(path.join(import.meta.dirname, '../docs/posts-before.generated.md'), 'utf8')) : null;

for (const { name, input } of SAMPLE_EVENINGS) {
  console.log(`### ${name}\n`);
  for (const style of POST_STYLES) {
    const { title, markdown } = composePost(input, { style });
    if (!before) {
      console.log(`#### ${style}: ${title}\n\n${fence(markdown)}\n`);
      continue;
    }
    const old = before.get(name)?.get(style);
    console.log(`#### ${style.charAt(0).toUpperCase()}${style.slice(1)}\n`);
    if (old) console.log(`Before — *${old.title}*\n\n${fence(old.markdown)}\n`);
    console.log(`After — *${title}*\n\n${fence(markdown)}\n`);
  }
}
