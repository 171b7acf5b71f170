import { describe, expect, it } from 'vitest';
import { composePost } from '@/lib/posts/compose';
import { clean, contentWords, escapeMdKeepingInline } from '@/lib/posts/english';
import { renderMarkdown } from '@/lib/posts/render';
import { POST_STYLES, type ComposeInput, type WritingStyle } from '@/lib/posts/types';
import { VARIED_EVENINGS } from '@/tests/fixtures/evenings';
import { checkProse } from '@/tests/support/prose-check';
import { eventInput, person } from './composer-helpers';

// Flesch–Kincaid grade of a whole draft. Job titles and organisation names ("executive director at the
// Data Office") are long words the writer cannot choose, so a short draft of names alone reads near 14;
// the rich evenings sit at 7–9. A draft over the ceiling, or more than a few sentences retext-readability
// finds hard for an 18-year-old, fails.
const GRADE = { min: 1, max: 14 };
const MAX_HARD_SENTENCES = 3;
const MAX_WORDS = 35;

const SETTINGS: { name: string; writing: Partial<WritingStyle>; includeFollowUps?: boolean }[] = [
  { name: 'defaults', writing: {} },
  { name: 'defaults, with follow-ups', writing: {}, includeFollowUps: true },
  { name: 'short, American, dated', writing: { length: 'short', spelling: 'american', timeRef: 'date' } },
  { name: 'long, headings, unnamed as guests, sign-off', writing: { length: 'long', headings: true, unnamed: 'guest', signOff: 'More soon.' } },
];

/** Pairs of meaningful words from the title, series, venue and host ("guildhall forum"). */
function nameBigrams(input: ComposeInput): string[] {
  const pairs = new Set<string>();
  for (const field of [input.event.title, input.event.series, input.event.venue, input.event.host]) {
    const words = contentWords(clean(field));
    for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
  }
  return [...pairs];
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe.each(SETTINGS)('prose checks ($name)', ({ writing, includeFollowUps }) => {
  describe.each(VARIED_EVENINGS)('$name', ({ input }) => {
    it.each(POST_STYLES)('%s: no retext warnings, readable, sentences under 35 words', async (style) => {
      const { markdown } = composePost(input, { style, writing, includeFollowUps });
      const report = await checkProse(markdown);
      expect(report.warnings, markdown).toEqual([]);
      // A draft of a dozen words (a title and nothing else) has no meaningful grade at the low end.
      if (report.sentences.join(' ').split(/\s+/).length >= 30) expect(report.grade, markdown).toBeGreaterThanOrEqual(GRADE.min);
      expect(report.grade, markdown).toBeLessThanOrEqual(GRADE.max);
      expect(report.hard.length, `${report.hard.join('\n')}\n${markdown}`).toBeLessThanOrEqual(MAX_HARD_SENTENCES);
      for (const s of report.sentences) expect(s.split(/\s+/).filter(Boolean).length, s).toBeLessThanOrEqual(MAX_WORDS);
      // Varied openings: no two sentences in a row open with the same two words ("Priya Raman … Priya Raman …").
      if (style === 'narrative') {
        const openings = report.sentences.map((s) => s.trim().split(/\s+/).slice(0, 2).join(' ').toLowerCase());
        for (let i = 1; i < openings.length; i++) expect(openings[i], `${report.sentences[i - 1]} / ${report.sentences[i]}`).not.toBe(openings[i - 1]);
      }
    });

    it.each(POST_STYLES)('%s: title, series, venue and host never say the same words twice', (style) => {
      const { markdown } = composePost(input, { style, writing, includeFollowUps });
      const words = contentWords(markdown).join(' ');
      for (const pair of nameBigrams(input)) expect(count(` ${words} `, ` ${pair} `), `"${pair}" in\n${markdown}`).toBeLessThanOrEqual(1);
    });

    it('narrative: reads as a person would write it', () => {
      const { markdown } = composePost(input, { style: 'narrative', writing, includeFollowUps });
      // "another" and "my Nth" only when the series has earlier evenings; never a "first" we cannot know.
      if (input.seriesCount < 2) expect(markdown).not.toMatch(/\banother (?!guest)|\bmy \w+ so far\b|\bmy first\b/i);
      else if (input.event.series) expect(markdown).toMatch(/\banother\b/);
      // The event's summary is material, never pasted whole.
      const summary = clean(input.event.summary);
      if (summary) expect(markdown).not.toContain(summary);
      // "I also …" only once someone has been met.
      const firstAlso = markdown.search(/\bI also (met|talked)\b/);
      if (firstAlso >= 0) expect(markdown.slice(0, firstAlso)).toMatch(/\bI talked to\b/);
      // Headings only when asked for.
      if (!writing.headings) expect(markdown).not.toMatch(/^#/m);
      // Facts appear in the paragraph of the person who gave them, not as a list of their own.
      for (const f of input.facts) {
        const by = input.people.find((p) => p.id === f.personId);
        const paragraph = markdown.split('\n\n').find((para) => para.toLowerCase().includes(clean(f.text).slice(1).toLowerCase()));
        expect(paragraph, f.text).toBeDefined();
        expect(paragraph!.startsWith('- ')).toBe(false);
        if (by?.name && !by.keepPrivate) expect(paragraph, f.text).toContain(by.name.split(' ')[0]);
      }
      // A topic label that is a common noun is not capitalised mid-sentence.
      for (const t of input.topics.concat(input.people.flatMap((p) => p.topics))) {
        if (/^(Podcasts|Open data|Procurement|Hiring|Grid connections|Remote work|Explainability|Seed funding)$/.test(t)) {
          expect(markdown, t).not.toMatch(new RegExp(`[a-z,] ${t}`));
        }
      }
    });
  });
});

describe('topics as a person would phrase them', () => {
  const statements = VARIED_EVENINGS.find((e) => e.name.startsWith('topics that are statements'))!.input;

  it('statements are quoted or told as news, questions as "whether", never mangled', () => {
    const { markdown } = composePost(statements, { style: 'narrative' });
    expect(markdown).toContain('“Shared services contract cancelled”');
    expect(markdown).toContain('“Should councils build or buy?”');
    expect(markdown).toContain('whether AI is overhyped');
    expect(markdown).toContain('“Council tax to rise 5%”');
    expect(markdown).toContain('the news that the GOV.UK app is coming to councils');
  });

  it('acronyms and names keep their capitals', () => {
    const { markdown } = composePost(VARIED_EVENINGS[1]!.input, { style: 'narrative' });
    expect(markdown).toContain('EV charging');
  });
});

describe('two people the post can only describe the same way', () => {
  it('are told apart: one sentence for what both cared about, "one" and "the other" for what each said', () => {
    const a = person({ role: 'Director', organisation: 'Acme', sector: 'Technology', topics: ['cloud costs'] });
    const b = person({ role: 'Director', organisation: 'Acme', sector: 'Technology', topics: ['cloud costs'] });
    const c = person({ role: 'Head of IT', organisation: 'HMRC', sector: 'Government', topics: ['legacy modernisation'] });
    const input = eventInput({
      people: [a, b, c],
      facts: [
        { text: '40% of servers are idle', personId: a.id },
        { text: 'budgets are down 10%', personId: b.id },
      ],
    });
    const { markdown } = composePost(input, { style: 'narrative' });
    expect(markdown).toContain('Both directors at Acme wanted to talk about cloud costs.');
    expect(markdown).toContain('One director at Acme told me that 40% of servers are idle.');
    expect(markdown).toContain('The other director at Acme told me that budgets are down 10%.');
    expect(markdown).not.toMatch(/The director at Acme/);
    const summary = composePost(input, { style: 'summary' }).markdown;
    expect(summary).toContain('(one director at Acme)');
    expect(summary).toContain('(the other director at Acme)');
    // Different topics: a sentence each, each saying which.
    const apart = composePost(
      eventInput({
        people: [
          { ...a, topics: ['cloud costs'] },
          { ...b, topics: ['hiring'] },
        ],
      }),
      { style: 'narrative' },
    ).markdown;
    expect(apart).toContain('One director at Acme wanted to talk about cloud costs. With the other director at Acme, I talked mostly about hiring.');
  });
});

describe('the user’s own prose in a draft', () => {
  it('keeps the emphasis and links they wrote, and nothing else formats', () => {
    expect(escapeMdKeepingInline('It was *really* good: [the blog](https://example.test/b), **bold**, `npm ci`.')).toBe(
      'It was *really* good: [the blog](https://example.test/b), **bold**, `npm ci`.',
    );
    expect(escapeMdKeepingInline('# snake_case_name, 2 * 3 * 4, <b>x</b>, [x](javascript:alert(1)), ![i](https://x.test/a.png)')).toBe(
      '\\# snake\\_case\\_name, 2 \\* 3 \\* 4, \\<b\\>x\\</b\\>, \\[x\\](javascript:alert(1)), \\![i](https://x.test/a.png)',
    );
    const input = eventInput({
      event: {
        summary: 'A *brilliant* talk.',
        reflection: 'It was *really* good. I must read [the blog](https://example.test/blog).\n\n- *one* thing\n- ![x](https://x.test/a.png)',
      },
    });
    const html = renderMarkdown(composePost(input, { style: 'narrative' }).markdown);
    expect(html).toContain('<em>really</em>');
    expect(html).toContain('<a href="https://example.test/blog" rel="nofollow noopener">the blog</a>');
    expect(html).toContain('<em>brilliant</em>');
    expect(html).toContain('<li><em>one</em> thing</li>');
    expect(html).not.toContain('<img');
  });
});
