/**
 * Prints the drafts of the sample evenings (tests/fixtures/evenings.ts) in every style, as Markdown for
 * docs/posts.md: `npx tsx scripts/compose-samples.ts > out.md`.
 */
import { composePost } from '@/lib/posts/compose';
import { POST_STYLES } from '@/lib/posts/types';
import { SAMPLE_EVENINGS } from '@/tests/fixtures/evenings';

for (const { name, input } of SAMPLE_EVENINGS) {
  console.log(`### ${name}\n`);
  for (const style of POST_STYLES) {
    const { title, markdown } = composePost(input, { style });
    console.log(`#### ${style}: ${title}\n\n\`\`\`\`markdown\n${markdown.trimEnd()}\n\`\`\`\`\n`);
  }
}
