import { fleschKincaid } from 'flesch-kincaid';
import retextEnglish from 'retext-english';
import retextIndefiniteArticle from 'retext-indefinite-article';
import retextQuotes from 'retext-quotes';
import retextReadability from 'retext-readability';
import retextRepeatedWords from 'retext-repeated-words';
import retextSentenceSpacing from 'retext-sentence-spacing';
import { syllable } from 'syllable';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { plainText } from '@/lib/posts/render';

/** What the prose tools said about a draft. */
export interface ProseReport {
  /** Messages from the repeated-words, indefinite-article, sentence-spacing and quotes checks. */
  warnings: string[];
  /** Sentences retext-readability finds hard for the target age. */
  hard: string[];
  /** Flesch–Kincaid grade of the whole draft. */
  grade: number;
  /** The sentences, as the English parser split them. */
  sentences: string[];
}

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

const toString = (n: Node): string => (n.value ?? '') + (n.children ?? []).map(toString).join('');
function collect(n: Node, type: string, out: Node[] = []): Node[] {
  if (n.type === type) out.push(n);
  for (const c of n.children ?? []) collect(c, type, out);
  return out;
}

/** The draft's text as a reader sees it: Markdown rendered, headings and list items as sentences of their own. */
export function readerText(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .flatMap((block) => block.split('\n'))
    .map((line) => plainText(line).trim())
    .filter(Boolean)
    .map((line) => (/[.!?…:”’]$/.test(line) ? line : `${line}.`))
    .join(' ');
}

/** Runs the retext checks of issue 16 over a draft. */
export async function checkProse(markdown: string, readabilityAge = 18): Promise<ProseReport> {
  const text = readerText(markdown);
  const processor = unified()
    .use(retextEnglish)
    .use(retextRepeatedWords)
    .use(retextIndefiniteArticle)
    .use(retextSentenceSpacing)
    .use(retextQuotes)
    .use(retextReadability, { age: readabilityAge });
  const tree = processor.parse(text) as unknown as Node;
  const vfile = new VFile(text);
  await processor.run(tree as never, vfile);
  const warnings = vfile.messages.filter((m) => m.source !== 'retext-readability').map((m) => `${m.source}: ${m.reason}`);
  const hard = vfile.messages.filter((m) => m.source === 'retext-readability').map((m) => m.reason);
  const sentences = collect(tree, 'SentenceNode').map(toString);
  const words = collect(tree, 'WordNode').map(toString);
  const counts = {
    sentence: Math.max(1, sentences.length),
    word: Math.max(1, words.length),
    syllable: words.reduce((n, w) => n + Math.max(1, syllable(w)), 0),
  };
  return { warnings, hard, grade: fleschKincaid(counts), sentences };
}
