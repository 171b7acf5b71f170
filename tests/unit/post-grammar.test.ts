import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '@/db/schema';
import { composePost } from '@/lib/posts/compose';
import { articleMidSentence, escapeMd, roleNoun } from '@/lib/posts/english';
import { renderMarkdown } from '@/lib/posts/render';
import { withArticle } from '@/lib/posts/opening';
import { sectorNoun, sectorPlace } from '@/lib/posts/people-phrases';
import { POST_STYLES } from '@/lib/posts/types';
import { checkProse } from '@/tests/support/prose-check';
import { eventInput, person } from './composer-helpers';

const narrative = (input: ReturnType<typeof eventInput>) => composePost(input, { style: 'narrative' }).markdown;
const summarised = (summary: string) => narrative(eventInput({ event: { summary } }));

describe('a fragment of the summary takes "a" or "an" only where English wants one', () => {
  it.each([
    // Words of degree or approximation, quantities and numbers: no article.
    ['mostly councils and banks', 'mostly councils and banks'],
    ['largely founders', 'largely founders'],
    ['mainly investors, some press', 'mainly investors, some press'],
    ['about forty people', 'about forty people'],
    ['around 200 founders', 'around 200 founders'],
    ['lots of councils', 'lots of councils'],
    ['plenty of investors', 'plenty of investors'],
    ['many familiar faces', 'many familiar faces'],
    ['few surprises', 'few surprises'],
    ['several short panels', 'several short panels'],
    ['some good talks', 'some good talks'],
    ['all the usual suspects', 'all the usual suspects'],
    ['both panels', 'both panels'],
    ['two panels and a dinner', 'two panels and a dinner'],
    ['40 founders', '40 founders'],
    ['2,000 attendees', '2,000 attendees'],
    // A determiner or pronoun already there.
    ['our usual crowd', 'our usual crowd'],
    ['their annual dinner', 'their annual dinner'],
    ['the usual crowd', 'the usual crowd'],
    // A plural head, however the group starts.
    ['great speakers and good food', 'great speakers and good food'],
    ['drinks for founders', 'drinks for founders'],
    ['senior people from councils', 'senior people from councils'],
    // A singular head takes its article, by sound.
    ['panel on AI in public services, then drinks', 'a panel on AI in public services, then drinks'],
    ['evening of lightning talks', 'an evening of lightning talks'],
    ['good mix of people', 'a good mix of people'],
    ['drinks reception', 'a drinks reception'],
    ['business breakfast', 'a business breakfast'],
    ['series of short talks', 'a series of short talks'],
    ['campus tour', 'a campus tour'],
    ['hour of questions', 'an hour of questions'],
  ])('%j → %j', (fragment, expected) => {
    expect(withArticle(fragment)).toBe(expected);
  });

  it('in a draft: "Mostly councils and banks." stays as the user put it, first or second', () => {
    expect(summarised('Mostly councils and banks.')).toContain('It was mostly councils and banks.');
    const second = summarised('Panel on open banking. Mostly councils and banks.');
    expect(second).toContain('It was a panel on open banking. Mostly councils and banks.');
    expect(second).not.toMatch(/\ba mostly\b/i);
    expect(summarised('Great speakers and good food.')).toContain('It was great speakers and good food.');
    expect(summarised('Fireside chat with the CEO.')).toContain('It was a fireside chat with the CEO.');
  });
});

describe('a name that starts with "The" keeps it', () => {
  it.each([
    ['The Ivy', 'at The Ivy'],
    ['The Old Bank, Leeds', 'at The Old Bank, Leeds'],
    ['the Guildhall', 'at the Guildhall'],
    ['Somerset House', 'at Somerset House'],
  ])('venue %j reads %j', (venue, expected) => {
    expect(narrative(eventInput({ event: { venue } }))).toContain(`breakfast ${expected}.`);
  });

  it('a fragment starting with a name keeps its "The"; one starting with a description does not', () => {
    expect(articleMidSentence('The Ivy’s private room')).toBe('The Ivy’s private room');
    expect(articleMidSentence('The usual crowd')).toBe('the usual crowd');
    expect(articleMidSentence('An evening of talks')).toBe('an evening of talks');
    expect(summarised('The Ivy’s private room.')).toContain('It was The Ivy’s private room.');
    expect(summarised('The usual crowd.')).toContain('It was the usual crowd.');
  });
});

describe('names in a title or a summary keep their capitals and take no article', () => {
  it('a title describing the evening is lowered; one holding a name is kept as typed', () => {
    expect(narrative(eventInput({ event: { title: 'Founders breakfast' } }))).toContain('I went to the founders breakfast');
    expect(narrative(eventInput({ event: { title: 'Fintech North evening' } }))).toContain('I went to the Fintech North evening');
    expect(narrative(eventInput({ event: { title: 'Offline: Yorkshire CIO supper' } }))).toContain('the Offline: Yorkshire CIO supper');
  });

  it('a first word that is a name, a day or a word with a capital inside keeps its capital', () => {
    expect(narrative(eventInput({ event: { title: 'London fintech drinks' } }))).toContain('I went to the London fintech drinks');
    expect(narrative(eventInput({ event: { title: 'Christmas drinks' } }))).toContain('I went to the Christmas drinks');
    expect(narrative(eventInput({ event: { title: 'EdTech evening' } }))).toContain('I went to the EdTech evening');
    expect(narrative(eventInput({ event: { title: 'CIO supper' } }))).toContain('I went to the CIO supper');
  });

  it('a named event of a kind takes "the"; a name with no kind stays bare; a host takes the article its name wants', () => {
    expect(narrative(eventInput({ event: { title: 'Public Sector CIO Roundtable' } }))).toContain('I went to the Public Sector CIO Roundtable');
    expect(narrative(eventInput({ event: { title: 'The Outsourcing Forum' } }))).toContain('I went to The Outsourcing Forum');
    expect(narrative(eventInput({ event: { title: 'London Tech Week' } }))).toContain('I went to London Tech Week');
    expect(narrative(eventInput({ event: { title: 'Founders breakfast', host: 'Royal Television Society' } }))).toContain(
      'hosted by the Royal Television Society',
    );
  });

  it('a topic is not a name because an organisation or the title has its word: "council budgets", "outsourcing"', () => {
    const md = narrative(
      eventInput({
        event: { title: 'Outsourcing Forum' },
        topics: ['Council budgets', 'Outsourcing'],
        people: [person({ name: 'Rob Hall', organisation: 'Leeds City Council' })],
      }),
    );
    expect(md).toContain('We talked about council budgets and outsourcing.');
    // A name of more than one word keeps its capitals where it starts a fact or a topic.
    const sam = person({ name: 'Sam Lee', organisation: 'Tech Nation' });
    const named = narrative(
      eventInput({
        topics: ['Digital Catapult funding'],
        people: [sam, person({ name: 'Ann Bell', organisation: 'Digital Catapult' })],
        facts: [{ text: 'Tech Nation is closing its visa scheme', personId: sam.id }],
      }),
    );
    expect(named).toContain('Digital Catapult funding');
    expect(named).toContain('told me that Tech Nation is closing its visa scheme');
  });

  it('a narrative is titled with the event as a sentence would name it', () => {
    const titled = (title: string) => composePost(eventInput({ event: { title } }), { style: 'narrative' }).title;
    expect(titled('Public Sector CIO Roundtable')).toBe('Reflections on the Public Sector CIO Roundtable');
    expect(titled('The future of public service broadcasting')).toBe('Reflections on the future of public service broadcasting');
    expect(titled('CIO Club: April')).toBe('Reflections on CIO Club: April');
    // Its own article, determiner or possessive: no "the" before it.
    expect(titled('An evening with Sarah Khan')).toBe('Reflections on an evening with Sarah Khan');
    expect(titled('My birthday drinks')).toBe('Reflections on my birthday drinks');
    expect(titled("Sarah's leaving drinks")).toBe("Reflections on Sarah's leaving drinks");
    expect(narrative(eventInput({ event: { title: 'An Evening With Sarah Khan' } }))).not.toContain('the An');
  });

  it('a name with its capital inside keeps it at the start of a sentence and in a hashtag', () => {
    const md = composePost(eventInput({ topics: ['iPlayer'], facts: [{ text: 'iPlayer streams rose 12%', personId: null }] }), { style: 'summary' }).markdown;
    expect(md).toContain('- iPlayer streams rose 12%');
    expect(md).not.toContain('IPlayer');
    expect(composePost(eventInput({ topics: ['iPlayer'] }), { style: 'social' }).markdown).toContain('#iPlayer');
  });

  it('a fragment saying how the evening was put on reads "It was held…", never "A held…"', () => {
    const md = summarised('Held at the Royal Institution.');
    expect(md).toContain('It was held at the Royal Institution.');
    expect(md).not.toMatch(/\bA held\b/i);
  });

  it('a fragment starting with a name is a billing, with no "a" before it', () => {
    const md = summarised('Priya Shah on why estates stay old.');
    expect(md).toContain('It was Priya Shah on why estates stay old.');
    expect(md).not.toMatch(/\b[Aa] Priya\b/);
    expect(summarised('Panel on AI, then drinks.')).toContain('It was a panel on AI, then drinks.');
  });
});

describe('a job title is lower-cased whole or kept as typed, never half', () => {
  it.each([
    ['Director of Cyber Security', 'Director of Cyber Security'],
    ['Head of McKinsey Digital', 'Head of McKinsey Digital'],
    ['Head of Payments', 'Head of Payments'],
    ['Managing Director, Global Markets', 'Managing Director, Global Markets'],
    ['Secretary of State', 'Secretary of State'],
    ['Head of IT', 'head of IT'],
    ['Head of Digital Transformation', 'head of digital transformation'],
    ['Managing Director, Digital', 'Managing Director, Digital'],
    ['Co-Founder and CTO', 'co-founder and CTO'],
    ['Vice-President, Engineering', 'Vice-President, Engineering'],
    ['Vice-President Engineering', 'vice-president engineering'],
    ['CTO', 'CTO'],
    ['data analyst', 'data analyst'],
  ])('%j → %j', (role, expected) => {
    expect(roleNoun(role)).toBe(expected);
  });

  it('property: the title comes back as typed, or with every capitalised word lowered and nothing else changed', () => {
    const word = fc.constantFrom(
      'Director',
      'Head',
      'Chief',
      'Officer',
      'Security',
      'Data',
      'of',
      'and',
      'for',
      'IT',
      'CTO',
      'Cyber',
      'Payments',
      'Acme',
      'Co-Founder',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const role = words.join(' ');
        const lowered = words.map((w) => (/^\p{Lu}\p{Ll}/u.test(w) ? w.toLowerCase() : w)).join(' ');
        expect([role, lowered]).toContain(roleNoun(role));
      }),
    );
  });

  it('in a draft: "Director of Cyber Security" reads as typed, with a generic title lower-cased beside it', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'Hannah Reid', role: 'Director of Cyber Security', organisation: 'Barclays' }),
          person({ name: 'Tom Lee', role: 'Chief Digital Officer', organisation: 'HM Treasury' }),
        ],
      }),
    );
    expect(md).toContain('Hannah Reid, Director of Cyber Security at Barclays');
    expect(md).toContain('Tom Lee, chief digital officer at HM Treasury');
    expect(md).not.toContain('director of Cyber security');
  });

  it('a sector name is lower-cased only when that cannot half lower-case it', () => {
    expect(sectorNoun('Higher education')).toBe('higher education');
    expect(sectorNoun('Financial Services')).toBe('Financial Services');
    expect(sectorNoun('NHS')).toBe('NHS');
    expect(sectorPlace('NHS')).toBe('the NHS');
    expect(sectorPlace('Public sector')).toBe('the public sector');
    expect(sectorPlace('Finance')).toBe('finance');
  });
});

describe('people by sector read as speech does', () => {
  const bySectors = (sectors: string[]) =>
    eventInput({
      people: sectors.map((sector, i) => person({ name: `Person ${'ABCDEFGHIJKLMNOP'[i]} Zed`, role: 'Founder', organisation: `Org ${i}`, sector })),
    });

  it('"In finance, I talked to…", with "the" where a sector needs one; never "From finance, I talked to…"', () => {
    const md = narrative(bySectors(['Finance', 'NHS', 'Public sector', 'Finance']));
    expect(md).toContain('The people I talked to came from finance, the NHS and the public sector.');
    expect(md).toContain('In finance, I talked to Person A Zed');
    expect(md).toContain('In the NHS, I also met Person B Zed');
    expect(md).toContain('In the public sector, I chatted with Person C Zed');
    expect(md).not.toMatch(/From [\w ]+, I /);
  });

  it('"Other" is no sector to name', () => {
    const md = narrative(bySectors(['Finance', 'Other']));
    expect(md).not.toMatch(/\bother\b/i);
    expect(md).toContain('There was also Person B Zed');
  });

  it.each(POST_STYLES)('%s: every default sector reads cleanly through the prose checker', async (style) => {
    const { markdown } = composePost(bySectors([...DEFAULT_SECTORS]), { style });
    expect((await checkProse(markdown)).warnings, markdown).toEqual([]);
    expect(markdown).not.toMatch(/From [\w ]+, I /);
  });
});

describe('the evening of the problems reported, through the prose checker', () => {
  const evening = eventInput({
    event: { title: 'Fintech supper', venue: 'The Ivy', summary: 'Panel on open banking. Mostly councils and banks.' },
    people: [
      person({ name: 'Hannah Reid', role: 'Director of Cyber Security', organisation: 'Barclays', sector: 'Finance' }),
      person({ name: 'Sam Cole', role: 'Chief Digital Officer', organisation: 'NHS England', sector: 'Health' }),
    ],
  });

  it.each(POST_STYLES)('%s: no retext warnings, and none of the four slips', async (style) => {
    const { markdown } = composePost(evening, { style });
    expect((await checkProse(markdown)).warnings, markdown).toEqual([]);
    expect(markdown).not.toMatch(/\b[Aa] mostly\b|\bthe Ivy\b|director of Cyber security|From finance, /);
  });

  it('narrative: the four read as the user would write them', () => {
    const md = narrative(evening);
    expect(md).toContain('Last night I went to the fintech supper at The Ivy. It was a panel on open banking. Mostly councils and banks.');
    expect(md).toContain('In finance, I talked to Hannah Reid, Director of Cyber Security at Barclays.');
    expect(md).toContain('In health, I also met Sam Cole, chief digital officer at NHS England.');
  });
});

describe('"last night" only the day after', () => {
  it.each([
    ['2026-04-22', /^Last night I went/],
    ['2026-04-24', /^On Tuesday I went/],
    ['2026-05-12', /^On Tuesday 21 April 2026 I went/],
  ])('written on %s', (postDate, opening) => {
    expect(narrative({ ...eventInput(), postDate })).toMatch(opening);
  });
});

describe('typed text in a draft reads as typed: only what would format is escaped', () => {
  it.each([
    ['CIO Club #3', 'CIO Club #3'],
    ['M&A, R&D', 'M&A, R&D'],
    ['Wow! Really?', 'Wow! Really?'],
    ['# of users doubled', '\\# of users doubled'],
    ['## Not a heading', '\\## Not a heading'],
    ['#hashtag', '#hashtag'],
    ['&amp; and &#169;', '\\&amp; and \\&#169;'],
    ['*bold* _it_ `code` [link](x) <b> ~s~ a|b', '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\> \\~s\\~ a\\|b'],
  ])('%j → %j', (typed, expected) => {
    expect(escapeMd(typed)).toBe(expected);
  });

  it('what is escaped renders as the typed text, at the start of a list item too', () => {
    for (const typed of ['# of users doubled', '![x](i.png)', '&amp; co', 'CIO Club #3', 'M&A & more!']) {
      const html = renderMarkdown(`- ${escapeMd(typed)}\n\nSaid: ${escapeMd(typed)}`);
      expect(html).not.toMatch(/<h\d|<img|<a /);
      const text = html
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');
      expect(text.split(typed).length - 1, html).toBe(2);
    }
  });
});

describe('an evening told as a person would tell it', () => {
  const social = (input: ReturnType<typeof eventInput>) => composePost(input, { style: 'social' }).markdown;
  const titled = (title: string) => composePost(eventInput({ event: { title } }), { style: 'narrative' }).title;

  it('a title with its own article, determiner or possessive takes no second one, and keeps its case only where a name', () => {
    expect(narrative(eventInput({ event: { title: 'My birthday drinks' } }))).toContain('I went to my birthday drinks.');
    expect(narrative(eventInput({ event: { title: 'An evening with Mary Beard' } }))).toContain('I went to an evening with Mary Beard.');
    expect(narrative(eventInput({ event: { title: "Sarah's leaving drinks" } }))).toContain("I went to Sarah's leaving drinks.");
    expect(social(eventInput({ event: { title: 'My birthday drinks' } }))).toContain('Last night: my birthday drinks.');
  });

  it('a party, an awards night or a lecture is an evening of a kind: "the summer party", not “Summer party”', () => {
    expect(narrative(eventInput({ event: { title: 'Summer party' } }))).toContain('I went to the summer party.');
    expect(titled('Summer party')).toBe('Reflections on the summer party');
    expect(narrative(eventInput({ event: { title: 'Christmas party' } }))).toContain('I went to the Christmas party.');
    expect(narrative(eventInput({ event: { title: 'Tech Awards' } }))).toContain('I went to the Tech Awards.');
  });

  it('an evening with one person says whom it was with, once', () => {
    const tom = person({ name: 'Tom Baker', role: 'CTO', organisation: 'Acme', sector: 'Technology', topics: ['hiring'] });
    const md = narrative(eventInput({ event: { title: 'Coffee with Tom', venue: 'Monmouth Coffee' }, people: [tom] }));
    expect(md).toContain('Last night I had coffee at Monmouth Coffee with Tom Baker, CTO at Acme.');
    expect(md).not.toContain('I talked to Tom Baker');
    expect(md).toContain('Tom Baker wanted to talk about hiring.');
    expect(titled('Coffee with Tom')).toBe('Reflections on coffee with Tom');
    expect(social(eventInput({ event: { title: 'Coffee with Tom' }, people: [tom] }))).toContain('Last night: coffee with Tom.');
    expect(narrative(eventInput({ event: { title: 'Catch-up with Tom' }, people: [tom] }))).toContain('I caught up with Tom Baker');
    expect(narrative(eventInput({ event: { title: 'Call with Tom' }, people: [tom] }))).toContain('I had a call with Tom Baker');
    // The title names someone else than the one person logged: both are told.
    const other = narrative(eventInput({ event: { title: 'Lunch with Sarah Khan' }, people: [tom] }));
    expect(other).toContain('I had lunch with Sarah Khan.');
    expect(other).toContain('I talked to Tom Baker, CTO at Acme.');
    // Someone who asked not to be named is described, in the title's words as well.
    const jo = person({ name: 'Jo Li', role: 'Head of IT', organisation: 'Acme', keepPrivate: true });
    const hidden = composePost(eventInput({ event: { title: 'Coffee with Jo' }, people: [jo] }), { style: 'narrative' });
    expect(hidden.markdown).toContain('I had coffee with the head of IT at Acme.');
    expect(`${hidden.title}\n${hidden.markdown}`).not.toMatch(/\bJo\b/);
  });

  it('an unnamed person is "a" director among several, "the" head of one, and later just by title when alone in it', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ role: 'Director', organisation: 'NCSC', relation: 'spoke', topics: ['ransomware'] }),
          person({ role: 'Chief Information Officer', organisation: 'Home Office', relation: 'spoke', topics: ['cloud'] }),
          person({ role: 'Chancellor', relation: 'mentioned' }),
        ],
      }),
    );
    expect(md).toContain('We heard from a director at the NCSC and the chief information officer at the Home Office.');
    expect(md).toContain('The director spoke about ransomware.');
    expect(md).toContain('The chief information officer talked about cloud.');
    expect(md).toContain('The Chancellor came up in conversation');
    const summary = composePost(eventInput({ people: [person({ role: 'Product Manager', organisation: 'Monzo' })] }), { style: 'summary' }).markdown;
    expect(summary).toContain('- A product manager at Monzo');
    // Two with one title keep their organisations apart.
    const two = narrative(
      eventInput({
        people: [
          person({ role: 'Director', organisation: 'NCSC', relation: 'spoke', topics: ['ransomware'] }),
          person({ role: 'Director', organisation: 'Ofcom', relation: 'spoke', topics: ['online safety'] }),
        ],
      }),
    );
    expect(two).toContain('The director at the NCSC spoke about ransomware.');
    expect(two).toContain('The director at Ofcom talked about online safety.');
  });

  it('an organisation typed in lower case is written as its name is', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'Tom Hardy', role: 'producer', organisation: 'bbc', sector: 'Media' }),
          person({ name: 'Ann Lee', role: 'policy lead', organisation: 'hm treasury', sector: 'Media' }),
          person({ name: 'Raj Patel', organisation: 'leeds city council', sector: 'Media' }),
          person({ name: 'Kim Ng', organisation: 'easyJet', sector: 'Media' }),
        ],
      }),
    );
    expect(md).toContain('Tom Hardy, producer at the BBC');
    expect(md).toContain('Ann Lee, policy lead at HM Treasury');
    expect(md).toContain('Raj Patel from Leeds City Council');
    expect(md).toContain('Kim Ng from easyJet');
    // A sector is not an organisation: "media" stays a common noun.
    expect(narrative(eventInput({ people: [person({ name: 'A B', sector: 'media' }), person({ name: 'C D', sector: 'government' })] }))).toContain(
      'In media, I talked to A B',
    );
  });

  it('the social post counts every speaker, named or not', () => {
    const input = eventInput({
      people: [
        person({ name: 'Ann Lee', relation: 'spoke' }),
        person({ role: 'CIO', organisation: 'DWP', relation: 'spoke' }),
        person({ role: 'CTO', relation: 'spoke' }),
      ],
    });
    expect(social(input)).toContain('Great talks from Ann Lee and two more speakers.');
    expect(social(eventInput({ people: [person({ name: 'Ann Lee', relation: 'spoke' })] }))).toContain('Great talk from Ann Lee.');
    expect(social(eventInput({ people: [person({ name: 'Ann Lee', relation: 'spoke' }), person({ name: 'Bo Wu', relation: 'spoke' })] }))).toContain(
      'Great talks from Ann Lee and Bo Wu.',
    );
  });
});

describe('a second read of the drafts', () => {
  const social = (input: ReturnType<typeof eventInput>) => composePost(input, { style: 'social' }).markdown;

  it('a title is "alone" only if nobody else there has it, named or not, however written', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'Priya Shah', role: 'CIO', organisation: 'Home Office', relation: 'spoke', topics: ['cloud'] }),
          person({ role: 'Chief Information Officer', organisation: 'DWP', topics: ['data'] }),
        ],
      }),
    );
    expect(md).not.toMatch(/The chief information officer (?!at)/);
    expect(md).toContain('the chief information officer at the DWP');
  });

  it('an editor is one of many: "editor at the BBC"; a role typed in lower case keeps its acronym', () => {
    expect(narrative(eventInput({ people: [person({ name: 'Tom Baker', role: 'Editor', organisation: 'BBC' })] }))).toContain('Tom Baker, editor at the BBC');
    expect(narrative(eventInput({ people: [person({ name: 'Tom Hughes', role: 'cto', organisation: 'Acme' })] }))).toContain('Tom Hughes, CTO at Acme');
  });

  it('more organisations typed in lower case are written as named, and a fact keeps the capital of one', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'A One', organisation: 'mi5' }),
          person({ name: 'B Two', organisation: 'bbc r&d' }),
          person({ name: 'C Three', organisation: 'mckinsey' }),
          person({ name: 'D Four', organisation: 'techuk' }),
          person({ name: 'E Five', organisation: 'monzo' }),
        ],
        facts: [{ text: 'Monzo has 10 million customers', personId: null }],
      }),
    );
    for (const name of ['MI5', 'BBC R&D', 'McKinsey', 'techUK']) expect(md).toContain(name);
    expect(md).toContain('Monzo has 10 million customers');
  });

  it('a title typed in lower case starts its headline with a capital; a name first keeps its capital', () => {
    expect(narrative(eventInput({ event: { title: 'christmas party' } }))).toContain('I went to the Christmas party.');
    expect(composePost(eventInput({ event: { title: 'media drinks' } }), { style: 'summary' }).title).toBe('Media drinks: summary');
    expect(composePost(eventInput({ event: { title: 'media drinks' } }), { style: 'social' }).title).toBe('Media drinks');
  });

  it('an evening with one person, with a colleague logged too, says whom it was with once', () => {
    const sarah = person({ name: 'Dr Sarah Khan', role: 'Director of Data', organisation: 'NHS England' });
    const ben = person({ name: 'Ben Ode', role: 'Analyst', organisation: 'NHS England' });
    const md = narrative(eventInput({ event: { title: 'Lunch with Sarah', venue: 'Dishoom' }, people: [sarah, ben] }));
    expect(md).toContain('I had lunch at Dishoom with Dr Sarah Khan, director of data at NHS England.');
    expect(md.match(/Sarah Khan/g)).toHaveLength(1);
    expect(md).toContain('Ben Ode');
    expect(narrative(eventInput({ event: { title: 'Quick coffee with Ben' }, people: [ben] }))).toContain('I had a quick coffee with Ben Ode');
  });

  it('a count in the summary is how many there were; "then" takes no article; an institute takes "the"', () => {
    const md = narrative(
      eventInput({ event: { summary: 'Keynote from the minister; then a panel. 40 guests, mostly CIOs', host: 'Institute for Government' } }),
    );
    expect(md).toContain('Then a panel.');
    expect(md).toContain('There were 40 guests, mostly CIOs.');
    expect(md).toContain('hosted by the Institute for Government');
  });

  it('the social post counts the speakers it has no room to name, never cutting a name', () => {
    const long = ['Alexandra Montgomery-Smith', 'Bartholomew Fitzwilliam', 'Christabel Worthington-Hughes'].map((name) => person({ name, relation: 'spoke' }));
    const text = social(eventInput({ people: [...long, person({ role: 'CTO', relation: 'spoke' }), person({ role: 'CIO', relation: 'spoke' })] }));
    expect(text).toMatch(/Great talks from Alexandra Montgomery-Smith, Bartholomew Fitzwilliam and three more speakers\./);
  });
});
