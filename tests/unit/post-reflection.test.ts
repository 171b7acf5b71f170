import { describe, expect, it } from 'vitest';
import { composePost } from '@/lib/posts/compose';
import { POST_STYLES } from '@/lib/posts/types';
import { factsRepeated, reflectionQuoted, withoutPrivateLines } from '@/lib/posts/reflection';
import { namedIn } from '@/lib/posts/mentions';
import { renderMarkdown } from '@/lib/posts/render';
import { eventInput, person } from './composer-helpers';

const REFLECTION = [
  'A useful evening: the device-policy talk was the best part.',
  'Private: the HMRC guy hinted they are about to cancel the Capgemini contract.',
  '',
  'Off the record - Sam is leaving in March.',
  '',
  'I want to follow up on shared platforms.',
].join('\n');

describe('the reflection is the user’s own', () => {
  it('lines marked private never reach a draft, in any style', () => {
    for (const style of POST_STYLES) {
      const { markdown } = composePost(eventInput({ event: { reflection: REFLECTION } }), { style });
      expect(markdown, style).not.toMatch(/Capgemini|HMRC guy|leaving in March|Private:|Off the record/);
    }
    const narrative = composePost(eventInput({ event: { reflection: REFLECTION } }), { style: 'narrative' }).markdown;
    expect(narrative).toContain('the device-policy talk was the best part.');
    expect(narrative).toContain('I want to follow up on shared platforms.');
  });

  it('a private person whose name was typed in lower case is still not named by a first name or surname alone', () => {
    const raj = person({ name: 'raj patel', role: 'CTO', organisation: 'Acme', keepPrivate: true });
    const { markdown } = composePost(eventInput({ people: [raj], event: { reflection: 'Raj thinks the merger is off. Patel agreed.' } }), {
      style: 'narrative',
    });
    expect(markdown).not.toMatch(/Raj|Patel/);
    // The description that takes the name's place opens its sentence with a capital.
    expect(markdown).toContain('The CTO thinks the merger is off. The CTO agreed.');
  });

  it('a private person with a two-letter first name is not named by it, in the draft, its title or the publish check', () => {
    const jo = person({ name: 'Jo Li', role: 'Head of IT', organisation: 'Acme', keepPrivate: true });
    const input = eventInput({ people: [jo], event: { title: 'Coffee with Jo', reflection: 'Jo says budgets are tight. An odd night, so I left early.' } });
    const { title, markdown } = composePost(input, { style: 'narrative' });
    expect(`${title}\n${markdown}`).not.toMatch(/\bJo\b|\bLi\b/);
    expect(markdown).toContain('An odd night, so I left early.');
    expect(namedIn('Send Jo the deck', [{ name: 'Jo Li', keepPrivate: true }]).map((p) => p.name)).toEqual(['Jo Li']);
    expect(namedIn('An idea. It is on. My plan.', [{ name: 'Jo Li', keepPrivate: true }])).toEqual([]);
  });

  it('in a list, a private name wrapped across lines, or an item marked private, never reaches the draft', () => {
    const jo = person({ name: 'Jo Li', role: 'CTO', organisation: 'Acme', keepPrivate: true });
    const reflection = 'Takeaways:\n- tight budgets, said Jo\nLi from Acme\n- Private: Jo is leaving\n1. Off the record – merger off';
    const { markdown } = composePost(eventInput({ people: [jo], event: { reflection } }), { style: 'narrative' });
    expect(markdown).not.toMatch(/Jo|Li\b|leaving|merger/);
    expect(markdown).toContain('- tight budgets, said the CTO from Acme');
    expect(namedIn('said Jo\nLi from Acme', [{ name: 'Jo Li', keepPrivate: true }]).map((p) => p.name)).toEqual(['Jo Li']);
  });

  it('a list line makes no heading, rule or nested list of what the user typed', () => {
    const { markdown } = composePost(eventInput({ event: { reflection: 'Takeaways\n---\n- - -\n- + x\n- 2. y' } }), { style: 'narrative' });
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<h\d|<hr|<li>\s*<(?:ul|ol)/);
    expect(html).toContain('<li>+ x</li>');
  });

  it('a list typed in the reflection stays a list, in the narrative and the summary; other line breaks are wrapping', () => {
    const reflection = 'Three takeaways:\n- AI is mostly hype\n- data quality matters\n\nWorth the trip\nhome in the rain.\n\n1. Call Sam\n2) Read the report';
    for (const style of ['narrative', 'summary'] as const) {
      const { markdown } = composePost(eventInput({ event: { reflection } }), { style });
      expect(markdown, style).toContain('Three takeaways:\n- AI is mostly hype\n- data quality matters');
      expect(markdown, style).toContain('Worth the trip home in the rain.');
      expect(markdown, style).toContain('1. Call Sam\n2. Read the report');
    }
  });

  it.each([
    ['Private: not this\nbut this', 'but this'],
    ['PRIVATE — not this', ''],
    ['private:not this either', ''],
    ['Not for the post: secret', ''],
    ['Off-the-record: secret', ''],
    ['Privately, I thought it went well.', 'Privately, I thought it went well.'],
    ['A private dinner after: lovely.', 'A private dinner after: lovely.'],
  ])('%j keeps %j', (text, kept) => {
    expect(withoutPrivateLines(text)).toBe(kept);
  });

  it('publishing quotes back a sentence of the reflection the post still carries, however it was escaped or wrapped', () => {
    const reflection = 'Good night. The HMRC guy hinted they will cancel the contract! Shared platforms next.';
    expect(reflectionQuoted('# Evening\n\nThe HMRC guy hinted they\nwill cancel the **contract**.', reflection)).toBe(
      'The HMRC guy hinted they will cancel the contract!',
    );
    // Too short to count, or not there at all.
    expect(reflectionQuoted('Good night.', reflection)).toBeNull();
    expect(reflectionQuoted('Nothing of it here.', reflection)).toBeNull();
    expect(reflectionQuoted('anything', null)).toBeNull();
  });

  it('finds the facts someone told the user that a post repeats, whatever its case, escapes or line breaks', () => {
    const facts = [
      { text: 'The Home Office is re-tendering its cloud contract in March.', name: 'Sam Patel' },
      { text: '40% still run COBOL', name: 'Jane Smith' },
      { text: 'Yes', name: 'Ann Short' },
      { text: 'Budgets double next year', name: 'Priya Shah' },
    ];
    const post = 'Sam told me that the Home Office is\nre-tendering its **cloud contract** in March. And 40\\% still run COBOL! Yes, really.';
    expect(factsRepeated(post, facts).map((f) => f.name)).toEqual(['Sam Patel', 'Jane Smith']);
    // Words of a fact run into others are not the fact.
    expect(factsRepeated('Most of them still run COBOLT', facts)).toEqual([]);
    expect(factsRepeated(post, [])).toEqual([]);
  });

  it.each(POST_STYLES)('%s: finds every fact a composed draft repeats, a private speaker described and a long one cut short', (style) => {
    const jo = person({ name: 'Jo Bloggs', role: 'CIO', organisation: 'Leeds City Council', keepPrivate: true, relation: 'spoke' });
    const sam = person({ name: 'Sam Patel', role: 'CTO', organisation: 'Home Office', relation: 'spoke' });
    const facts = [
      { text: 'Jo Bloggs cut hosting costs by 30% in a year', personId: jo.id },
      {
        text: 'The Home Office is re-tendering its whole cloud hosting contract in March, with a decision on whether to split it by region expected in the summer',
        personId: sam.id,
      },
      { text: 'A third of laptops are never patched', personId: sam.id },
    ];
    const draft = composePost(eventInput({ people: [jo, sam], facts }), { style }).markdown;
    const told = facts.map((f) => ({ text: f.text, name: f.personId === jo.id ? 'Jo Bloggs' : 'Sam Patel' }));
    // Each fact the draft carries, in whatever words, is found; the private name itself is not in the draft.
    expect(draft).not.toContain('Bloggs');
    const carried = told.filter((f) => draft.toLowerCase().includes(f.text.split(' ').slice(2, 5).join(' ').toLowerCase()));
    expect(carried.length).toBeGreaterThan(0);
    expect(factsRepeated(draft, told)).toEqual(carried);
  });
});
