import { describe, expect, it, vi } from 'vitest';
import { composePost } from '@/lib/posts/compose';
import { joinList, orgRef, pluralRole, roleNoun, whenPhrase } from '@/lib/posts/english';
import { hashtag, SOCIAL_LIMIT } from '@/lib/posts/social';
import { ARTEFACTS, eventInput, person } from './composer-helpers';

const narrative = (input: ReturnType<typeof eventInput>, includeNotes = false) => composePost(input, { style: 'narrative', includeNotes }).markdown;

function expectClean(markdown: string) {
  for (const re of ARTEFACTS) expect(markdown, `artefact ${re}`).not.toMatch(re);
}

describe('English helpers', () => {
  it.each([
    [[], ''],
    [['the Home Office'], 'the Home Office'],
    [['the Home Office', 'HM Treasury'], 'the Home Office and HM Treasury'],
    [['the Home Office', 'HM Treasury', 'the Cabinet Office'], 'the Home Office, HM Treasury and the Cabinet Office'],
    [['Jo, CIO', 'Sam'], 'Jo, CIO, and Sam'],
    [['Sam', 'Jo, CIO'], 'Sam and Jo, CIO'],
    [['Jo, CIO', 'Sam', 'Al'], 'Jo, CIO; Sam; and Al'],
    [['Tariq Novak (CDO)', 'Imogen Edwards (Deputy Director, Digital)'], 'Tariq Novak (CDO) and Imogen Edwards (Deputy Director, Digital)'],
    [['Al (A, B)', 'Bo', 'Cy'], 'Al (A, B), Bo and Cy'],
  ])('joinList(%j) = %j', (items, expected) => {
    expect(joinList(items)).toBe(expected);
  });

  it.each([
    ['Head of IT', 'head of IT', 'heads of IT'],
    ['CIO', 'CIO', 'CIOs'],
    ['Chief Digital Officer', 'chief digital officer', 'chief digital officers'],
    ['Policy Secretary', 'policy secretary', 'policy secretaries'],
    ['Chairman', 'chairman', 'chairmen'],
    // A title with a capitalised word jobs are not called by is a name, and is kept exactly as typed, never half
    // lower-cased ("director for Microsoft partnerships", "director of Cyber security").
    ['Director for Microsoft Partnerships', 'Director for Microsoft Partnerships', 'Directors for Microsoft Partnerships'],
    ['Director of Cyber Security', 'Director of Cyber Security', 'Directors of Cyber Security'],
    ['Head of McKinsey Digital', 'Head of McKinsey Digital', 'Heads of McKinsey Digital'],
    ['Head of Digital Transformation', 'head of digital transformation', 'heads of digital transformation'],
    // A remit after a comma is a name: kept as typed, and only the title before it takes the plural.
    ['Deputy Director, Digital', 'Deputy Director, Digital', 'Deputy Directors, Digital'],
    // Typed on a phone: the pronoun is never part of a title.
    ['head of it', 'head of IT', 'heads of IT'],
    ['it director', 'IT director', 'IT directors'],
  ])('role %j reads as %j, plural %j', (role, noun, plural) => {
    expect(roleNoun(role)).toBe(noun);
    expect(pluralRole(roleNoun(role))).toBe(plural);
  });

  it.each([
    ['Treasury', 'the Treasury'],
    ['Treasury Solutions Ltd', 'Treasury Solutions Ltd'],
    ['House of Fraser', 'House of Fraser'],
    ['Scottish Government', 'the Scottish Government'],
    ['Metropolitan Police', 'the Metropolitan Police'],
    ['House of Commons', 'the House of Commons'],
    ['Local Government Association', 'the Local Government Association'],
    ['DHSC', 'the DHSC'],
    ['British Airways', 'British Airways'],
    ['Royal Mail', 'Royal Mail'],
    ['Parliament', 'Parliament'],
    ['Scottish Parliament', 'the Scottish Parliament'],
    ['Home Office', 'the Home Office'],
    ['HM Treasury', 'HM Treasury'],
    ['Cabinet Office', 'the Cabinet Office'],
    ['University of Leeds', 'the University of Leeds'],
    ['Leeds City Council', 'Leeds City Council'],
    ['The Guardian', 'The Guardian'],
    ['BBC', 'the BBC'],
    ['Environment Agency', 'the Environment Agency'],
    ['Acme', 'Acme'],
  ])('organisation %j reads as %j', (org, expected) => {
    expect(orgRef(org)).toBe(expected);
  });

  it.each([
    ['2026-04-21', 19, '2026-04-22', 'last night'],
    ['2026-04-21', 9, '2026-04-22', 'yesterday morning'],
    ['2026-04-22', 19, '2026-04-22', 'this evening'],
    ['2026-04-22', 14, '2026-04-22', 'this afternoon'],
    ['2026-04-18', 19, '2026-04-22', 'on Saturday'],
    ['2026-03-03', 19, '2026-04-22', 'on Tuesday 3 March 2026'],
  ])('event on %s at %i, written %s: %j', (date, hour, post, expected) => {
    expect(whenPhrase(date, hour, post)).toBe(expected);
  });
});

describe('hashtags', () => {
  it.each([
    ['open data', '#OpenData'],
    ['AI', '#AI'],
    ['net-zero & ESG', '#NetZeroESG'],
    ['Économie numérique', '#ÉconomieNumérique'],
    ['2026', null],
    ['  ', null],
  ])('%j → %j', (topic, tag) => {
    expect(hashtag(topic)).toBe(tag);
  });
});

describe('narrative: people per organisation', () => {
  const gov = (fields: Parameters<typeof person>[0]) => person({ sector: 'Government', ...fields });
  it.each([
    {
      name: 'one named person with role and organisation',
      people: [gov({ name: 'Jane Smith', role: 'Head of IT', organisation: 'Home Office' })],
      expects: ['I talked to Jane Smith, head of IT at the Home Office.'],
    },
    {
      name: 'a title with a remit after a comma: the remit in brackets, so the sentence does not read as a list',
      people: [gov({ name: 'Hugo Taylor', role: 'Deputy Director, Digital', organisation: 'HM Treasury' })],
      expects: ['I talked to Hugo Taylor, Deputy Director (Digital) at HM Treasury.'],
    },
    {
      name: 'a name typed all in lower case on a phone is written with its capitals',
      people: [gov({ name: "sarah o'neill", role: 'Head of IT', organisation: 'Home Office' }), gov({ name: 'sam smith-jones' })],
      expects: ["Sarah O'Neill, head of IT at the Home Office", 'Sam Smith-Jones'],
    },
    {
      name: 'a founder or a chair is "of" an organisation, not "at" it',
      people: [gov({ name: 'Tom Lee', role: 'Founder', organisation: 'Brightwire' }), gov({ role: 'Chief Executive', organisation: 'Catapult' })],
      expects: ['Tom Lee, founder of Brightwire', 'the chief executive of Catapult'],
    },
    {
      name: 'two titles held at once are joined with "and", not one put in brackets',
      people: [
        gov({ name: 'Ada Moss', role: 'Founder, CEO', organisation: 'Brightwire' }),
        gov({ name: 'Raj Rao', role: 'Partner, Head of Tax', organisation: 'Deloitte' }),
      ],
      expects: ['Ada Moss, Founder and CEO of Brightwire', 'Raj Rao, Partner and Head of Tax at Deloitte'],
    },
    {
      name: 'unnamed people sharing a title with a remit: the title takes the plural, the remit stays',
      people: [gov({ role: 'Deputy Director, Digital', organisation: 'HM Treasury' }), gov({ role: 'Deputy Director, Digital', organisation: 'DWP' })],
      expects: ['Deputy Directors (Digital) from HM Treasury and the DWP'],
    },
    {
      name: 'two named people from one organisation',
      people: [
        gov({ name: 'Jane Smith', role: 'Head of IT', organisation: 'Home Office' }),
        gov({ name: 'Tom Lee', role: 'CTO', organisation: 'Home Office' }),
      ],
      expects: ['Jane Smith (head of IT) and Tom Lee (CTO), both from the Home Office'],
    },
    {
      name: 'two named people from one organisation, one title kept as typed: both kept, one style in one list',
      people: [
        gov({ name: 'Rachel Davies', role: 'Head of Cyber Security', organisation: 'Home Office' }),
        gov({ name: 'Sam Rossi', role: 'Chief Information Officer', organisation: 'Home Office' }),
      ],
      expects: ['Rachel Davies (Head of Cyber Security) and Sam Rossi (Chief Information Officer), both from the Home Office'],
    },
    {
      name: 'three named people from one organisation',
      people: [
        gov({ name: 'Jane Smith', organisation: 'Home Office' }),
        gov({ name: 'Tom Lee', organisation: 'Home Office' }),
        gov({ name: 'Ann Bell', organisation: 'Home Office' }),
      ],
      expects: ['Jane Smith, Tom Lee and Ann Bell, all three from the Home Office'],
    },
    {
      name: 'many named people from one organisation',
      people: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'].map((n) => gov({ name: n, organisation: 'Home Office' })),
      expects: ['A One, B Two, C Three, D Four and E Five, all five from the Home Office'],
    },
    {
      name: 'no names: the same role across organisations',
      people: [
        gov({ role: 'Head of IT', organisation: 'Home Office' }),
        gov({ role: 'Head of IT', organisation: 'HM Treasury' }),
        gov({ role: 'Head of IT', organisation: 'Cabinet Office' }),
      ],
      expects: ['I talked to heads of IT from the Home Office, HM Treasury and the Cabinet Office.'],
    },
    {
      name: 'no names: two with the same role in one organisation',
      people: [gov({ role: 'Engineer', organisation: 'Acme' }), gov({ role: 'Engineer', organisation: 'Acme' })],
      expects: ['two engineers from Acme'],
    },
    {
      name: 'no names: one known only by role and organisation',
      people: [gov({ role: 'Head of IT', organisation: 'Leeds City Council' })],
      expects: ['I talked to the head of IT at Leeds City Council.'],
    },
    {
      name: 'no names: organisation only, role only, nothing at all',
      people: [person({ organisation: 'Acme' }), person({ role: 'Architect' }), person({})],
      expects: ['someone from Acme', 'an architect', "someone whose name I didn't catch"],
    },
  ])('$name', ({ people, expects }) => {
    const md = narrative(eventInput({ people }));
    for (const text of expects) expect(md).toContain(text);
    expectClean(md);
  });
});

describe('narrative: sectors, topics, facts, speakers', () => {
  it('one sector: no sector roll-call, just who', () => {
    const md = narrative(eventInput({ people: [person({ name: 'Jane Smith', sector: 'Government' })] }));
    expect(md).not.toContain('came from');
    expect(md).toContain('I talked to Jane Smith.');
  });

  it('many sectors: a roll-call, then people grouped by sector with varied verbs', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'Jane Smith', sector: 'Government' }),
          person({ name: 'Ann Bell', sector: 'Technology' }),
          person({ name: 'Sue Green', sector: 'Higher education' }),
          person({ name: 'Tom Lee', sector: 'Government' }),
        ],
      }),
    );
    expect(md).toContain('The people I talked to came from government, technology and higher education.');
    expect(md).toContain('In government, I talked to Jane Smith and Tom Lee.');
    expect(md).toContain('In technology, I also met Ann Bell.');
    expect(md).toContain('In higher education, I chatted with Sue Green.');
  });

  it('no topics, no facts, no follow-ups, no reflection: those sections are absent', () => {
    const md = narrative(eventInput({ people: [person({ name: 'Jane Smith' })] }));
    for (const heading of ['## What we talked about', '## What stuck with me', '## What’s next', '## What I made of it', '## The talk']) {
      expect(md).not.toContain(heading);
    }
    expectClean(md);
  });

  it('an empty event still reads as a sentence', () => {
    const md = narrative(eventInput({ event: { venue: 'the Guildhall', host: 'techUK' } }));
    expect(md.trim()).toBe('Last night I went to the digital leaders breakfast at the Guildhall, hosted by techUK.');
  });

  it('a title opening with a name the evening gives keeps its capital; a word from inside an organisation’s name does not', () => {
    const speaker = person({ name: 'Maya Rao', role: 'Speaker', organisation: 'Gresham College', relation: 'spoke' });
    const gresham = narrative(eventInput({ event: { title: 'Gresham lecture on AI in government' }, people: [speaker] }));
    expect(gresham).toContain('I went to the Gresham lecture on AI in government');
    const byVenue = narrative(eventInput({ event: { title: 'Barbican lecture on housing', venue: 'Barbican Centre' } }));
    expect(byVenue).toContain('the Barbican lecture on housing');
    // "Digital" of "Government Digital Service" is the common word still, and so is that of "Digital Catapult".
    for (const organisation of ['Government Digital Service', 'Digital Catapult']) {
      const digital = narrative(eventInput({ people: [person({ name: 'Jane Smith', organisation, relation: 'spoke' })] }));
      expect(digital, organisation).toContain('the digital leaders breakfast');
    }
    // A title that goes on as the name does is the phrase, not the name.
    const local = narrative(
      eventInput({
        event: { title: 'Local government roundtable' },
        people: [person({ name: 'Jo Ng', organisation: 'Local Government Association', relation: 'spoke' })],
      }),
    );
    expect(local).toContain('the local government roundtable');
    // Someone only mentioned, from Gresham College, is no evidence about the title.
    const mentioned = narrative(
      eventInput({
        event: { title: 'Gresham lecture on AI in government' },
        people: [person({ name: 'Jo Ng', organisation: 'Gresham College', relation: 'mentioned' })],
      }),
    );
    expect(mentioned).toContain('the gresham lecture');
    // A one-word organisation is no evidence: its word may be the common one.
    const oneWord = narrative(eventInput({ event: { title: 'Breakfast on open data' }, people: [person({ name: 'Jane Smith', organisation: 'Breakfast' })] }));
    expect(oneWord).toContain('the breakfast on open data');
  });

  it('coffee only at a morning gathering, not at an evening logged as starting after midnight', () => {
    const at = (localHour: number) =>
      narrative(eventInput({ event: { title: 'Data breakfast', localHour }, topics: ['open data'], people: [person({ name: 'Sam Lee', relation: 'spoke' })] }));
    expect(at(8)).toContain('Over coffee, the conversation');
    expect(at(0)).not.toContain('Over coffee');
    expect(at(0)).toContain('Afterwards, the conversation');
  });

  it('topics, and who cared about what', () => {
    const md = narrative(
      eventInput({
        topics: ['open data', 'AI'],
        people: [person({ name: 'Jane Smith', topics: ['cloud costs'] }), person({ role: 'CTO', organisation: 'Acme', topics: ['AI', 'hiring'] })],
      }),
    );
    expect(md).not.toContain('## What we talked about');
    expect(md).toContain('We talked about open data and AI.');
    expect(md).toContain('Jane Smith wanted to talk about cloud costs.');
    // Told once as "the CTO at Acme"; the only CTO there, later just "the CTO".
    expect(md).toContain('With the CTO, I talked mostly about AI and hiring.');
    expect(composePost(eventInput({ topics: ['open data'] }), { style: 'narrative', writing: { headings: true } }).markdown).toContain(
      '## What we talked about',
    );
  });

  it('a speaker is introduced by name, role and organisation, and facts are credited', () => {
    const jane = person({ name: 'Jane Smith', role: 'Chief Digital Officer', organisation: 'HM Treasury', relation: 'spoke', topics: ['cloud'] });
    const md = narrative(
      eventInput({
        people: [jane],
        facts: [
          { text: '40% of departments still run COBOL.', personId: jane.id },
          { text: 'Cloud bills rose 30%', personId: null },
        ],
      }),
    );
    // Told inline, right after the talk they came from, not as a bullet list further down.
    expect(md).toContain(
      'Jane Smith, chief digital officer at HM Treasury, spoke about cloud. The figure that stayed with me: 40% of departments still run COBOL.',
    );
    expect(md).toContain('One thing I heard stuck with me: cloud bills rose 30%.');
    expect(md).not.toMatch(/^- /m);
  });

  it('a speaker with a title before the name is called by first name later, never by the title alone', () => {
    for (const [name, called] of [
      ['Dr Sarah Khan', 'Sarah'],
      ['Prof. Ann Lee', 'Ann'],
      ['Sir John Smith', 'Sir John'],
      ['Lord Smith', 'Lord Smith'],
    ]) {
      const who = person({ name, relation: 'spoke' });
      const md = narrative(
        eventInput({
          people: [who],
          facts: [
            { text: '1 in 3 GP appointments are about mental health', personId: who.id },
            { text: 'Waiting lists doubled since 2019', personId: who.id },
          ],
        }),
      );
      expect(md).toContain(`According to ${called}, waiting lists doubled since 2019.`);
    }
  });

  it('no speaker: no talk section', () => {
    expect(narrative(eventInput({ people: [person({ name: 'Jane Smith' })] }))).not.toContain('## The talk');
  });

  it('several speakers', () => {
    const md = narrative(
      eventInput({
        people: [
          person({ name: 'Jane Smith', role: 'CDO', organisation: 'HM Treasury', relation: 'spoke', topics: ['cloud'] }),
          person({ name: 'Raj Patel', role: 'CTO', organisation: 'Acme', relation: 'spoke', topics: ['AI'] }),
        ],
      }),
    );
    expect(md).toContain('We heard from Jane Smith, CDO at HM Treasury, and Raj Patel, CTO at Acme.');
    expect(md).toContain('Jane Smith spoke about cloud. Raj Patel talked about AI.');
  });

  it('a series: "another … evening" and how many the user has been to', () => {
    const md = narrative(eventInput({ event: { series: 'CIO Club', title: 'CIO Club', venue: 'the Guildhall' }, seriesCount: 5 }));
    expect(md).toMatch(/^Last night was another CIO Club evening at the Guildhall, my fifth so far\./);
    // No earlier evening on record: neither "another" nor "my first", which the user may not have said.
    const first = narrative(eventInput({ event: { series: 'CIO Club', title: 'CIO Club: April' }, seriesCount: 1 }));
    expect(first).toMatch(/^Last night I went to a CIO Club evening\. This time it was “April”\./);
    // A series named as a kind of event is that event, with "the"; one named otherwise is a kind of evening.
    const forum = narrative(eventInput({ event: { series: 'Public Sector Cloud Forum', title: 'Cloud after the hype' }, seriesCount: 1 }));
    expect(forum).toMatch(/^Last night I went to the Public Sector Cloud Forum\. This time it was “Cloud after the hype”\./);
    const named = narrative(eventInput({ event: { series: 'The Digital Forum', title: 'The Digital Forum' }, seriesCount: 0 }));
    expect(named).toMatch(/^Last night I went to The Digital Forum\./);
    expect(first).not.toMatch(/another|first/);
    // A series named for how often it meets is not said to meet that often twice; a title after a comma is its own.
    const monthly = narrative(
      eventInput({
        event: { series: 'CIO Club monthly', title: 'CIO Club, December evening', summary: 'A monthly get-together of IT leaders.' },
        seriesCount: 1,
      }),
    );
    expect(monthly).toMatch(/^Last night I went to a CIO Club monthly evening\. This time it was “December evening”\./);
    expect(monthly).not.toMatch(/monthly CIO Club monthly/);
    const again = narrative(eventInput({ event: { series: 'CIO Club monthly', title: 'CIO Club: cloud', summary: 'Monthly, as ever.' }, seriesCount: 3 }));
    expect(again).toMatch(/^Last night was another CIO Club monthly evening, my third so far\. This time it was “cloud”\./);
    // A numbered evening of the series is counted, not quoted: no “CIO Club #3”.
    for (const title of ['CIO Club #3', 'CIO Club 3', 'CIO Club No. 3']) {
      const numbered = narrative(eventInput({ event: { series: 'CIO Club', title }, seriesCount: 3 }));
      expect(numbered).toMatch(/^Last night was another CIO Club evening, my third so far\.\s/);
      expect(numbered).not.toContain('This time it was');
    }
    // A summary that names the evening again only to give its subject says the subject.
    const subject = narrative(
      eventInput({
        event: { series: 'CIO Club monthly', title: 'CIO Club, December evening', summary: 'A monthly CIO Club on cloud procurement.' },
        seriesCount: 1,
      }),
    );
    expect(subject).toContain('This time it was “December evening”. Its theme was cloud procurement.');
    expect(subject).not.toContain('It was a monthly CIO Club');
    // A theme the title has just given is not said twice.
    const twice = narrative(
      eventInput({ event: { series: 'CIO Club', title: 'CIO Club: cyber resilience', summary: 'This time on cyber resilience.' }, seriesCount: 2 }),
    );
    expect(twice).toContain('This time it was “cyber resilience”.');
    expect(twice).not.toContain('theme was cyber resilience');
    // Only the series named again gives a theme: not a day, a place, or a summary of an evening of no series.
    for (const [event, not] of [
      [{ series: 'CIO Club', title: 'CIO Club: cloud', summary: 'The CIO Club on Tuesday.' }, 'theme was Tuesday'],
      [{ series: 'CIO Club', title: 'CIO Club: cloud', summary: 'Monthly on Thursdays.' }, 'theme was Thursdays'],
      [{ series: 'CIO Club', title: 'CIO Club: cloud', summary: 'An evening on the river.' }, 'theme was the river'],
      [{ series: 'CIO Club', title: 'CIO Club: cloud', summary: 'Cloud on everyone’s mind.' }, 'theme was everyone'],
      [{ title: 'Founders drinks', summary: 'Drinks on the terrace.' }, 'theme was the terrace'],
    ] as const) {
      expect(narrative(eventInput({ event, seriesCount: 1 }))).not.toContain(not);
    }
    // One that names something else keeps its words: "a panel on AI" is not the evening itself.
    expect(
      narrative(eventInput({ event: { series: 'CIO Club', title: 'CIO Club: AI', summary: 'Panel on AI in public services.' }, seriesCount: 1 })),
    ).toContain('It was a panel on AI in public services.');
    const plain = narrative(eventInput({ event: { series: 'CIO Club', title: 'CIO Club: cloud', summary: 'The monthly one.' }, seriesCount: 3 }));
    expect(plain).toMatch(/^Last night was another of the monthly CIO Club evenings, my third so far\./);
  });

  it('follow-ups, when asked for, read as intentions; done ones as done; reflection closes', () => {
    const jane = person({ name: 'Jane Smith' });
    const narrative = (input: ReturnType<typeof eventInput>) => composePost(input, { style: 'narrative', includeFollowUps: true }).markdown;
    const one = narrative(eventInput({ people: [jane], followUps: [{ action: 'Send Jane the deck', personId: jane.id, dueOn: '2026-04-24', done: false }] }));
    expect(one).toContain('Next, I’m going to send Jane the deck by Friday 24 April.');
    // A two-letter first name, or one after a title, is recognised too: not "send Jo the deck (with Jo Bloggs)".
    for (const [name, action] of [
      ['Jo Bloggs', 'Send Jo the deck'],
      ['Dr Sarah Khan', 'Send Sarah the paper'],
      ['Sir John Smith', 'Thank John for the invite'],
    ] as const) {
      const who = person({ name });
      const md = narrative(eventInput({ people: [who], followUps: [{ action, personId: who.id, dueOn: null, done: false }] }));
      expect(md).toContain(`Next, I’m going to ${action.charAt(0).toLowerCase()}${action.slice(1)}.`);
    }
    const many = narrative(
      eventInput({
        event: { reflection: 'Worth going.\n\nI will be back.' },
        followUps: [
          { action: 'Book a demo', personId: null, dueOn: null, done: false },
          { action: 'Read the report', personId: null, dueOn: null, done: false },
          { action: 'Connect on LinkedIn', personId: null, dueOn: null, done: true },
        ],
      }),
    );
    expect(many).toContain('Next, I’m going to book a demo and read the report. I’ve already connected on LinkedIn.');
    expect(many.trimEnd().endsWith('I’ve already connected on LinkedIn.\n\nWorth going.\n\nI will be back.')).toBe(true);
    // Done ones read as done; one that does not start with a verb is listed as it was typed.
    const done = (actions: string[]) => narrative(eventInput({ followUps: actions.map((action) => ({ action, personId: null, dueOn: null, done: true })) }));
    expect(done(['Thank the organisers', 'Send Priya the report', 'Reply to Sam', 'Plan the pilot'])).toContain(
      'I’ve already thanked the organisers, sent Priya the report, replied to Sam and planned the pilot.',
    );
    expect(done(['LinkedIn connection'])).toContain('Already done: LinkedIn connection.');
    const withHeadings = composePost(eventInput({ event: { reflection: 'Worth going.' } }), { style: 'narrative', writing: { headings: true } }).markdown;
    expect(withHeadings).toContain('## What I made of it\n\nWorth going.');
  });
});

describe('privacy', () => {
  const secret = person({
    name: 'Tom Secret-Keeper',
    role: 'Head of IT',
    organisation: 'Cabinet Office',
    keepPrivate: true,
    notes: 'Thinking of leaving',
    email: 'tom.sk@example.gov',
  });
  const input = eventInput({
    people: [secret],
    facts: [
      { text: 'Tom Secret-Keeper says budgets are frozen', personId: secret.id },
      { text: 'Keeper thinks so too; write to tom.sk@example.gov', personId: null },
    ],
    followUps: [{ action: 'Send Tom the deck', personId: secret.id, dueOn: null, done: false }],
    event: { reflection: 'Talking to Tom Secret-Keeper was the highlight. Secret knows the budget.' },
  });

  it.each(['narrative', 'summary', 'social'] as const)('%s: a "don\'t name in public" person is described by role and organisation', (style) => {
    const { markdown, title } = composePost(input, { style });
    expect(markdown + title).not.toMatch(/Tom|Secret|Keeper|tom\.sk/);
    // Introduced whole; after that the only head of IT there is "the head of IT".
    if (style !== 'social') expect(markdown).toMatch(/[Tt]he head of IT at the Cabinet Office/);
  });

  it.each(['narrative', 'summary', 'social'] as const)('%s: the sources behind each sentence never name a private person either', (style) => {
    const titled = { ...input, event: { ...input.event, title: 'Drinks with Tom Secret-Keeper', summary: 'Tom Secret-Keeper hosted.' } };
    const { parts } = composePost(titled, { style });
    expect(parts.length).toBeGreaterThan(0);
    expect(JSON.stringify(parts)).not.toMatch(/Tom|Secret|Keeper|tom\.sk/);
  });

  it.each(['narrative', 'summary', 'social'] as const)('%s: a private first name typed in lower case after "send" or "with" is theirs too', (style) => {
    const jo = person({ name: 'Jo Li', role: 'CTO', organisation: 'Acme', keepPrivate: true });
    const mark = person({ name: 'Mark Hill', role: 'CFO', organisation: 'Globex', keepPrivate: true });
    const typed = eventInput({
      people: [jo, mark],
      facts: [{ text: 'Coffee with jo: the board wants a plan by March', personId: jo.id }],
      followUps: [{ action: 'send jo the deck and cc mark', personId: jo.id, dueOn: null, done: false }],
      event: { reflection: 'Worth it to mark the end of the year. Talked to jo about hiring.' },
    });
    const { markdown, title } = composePost(typed, { style, includeFollowUps: true });
    expect(markdown + title).not.toMatch(/\bjo\b|\bJo\b|cc mark/i);
    // A verb is not a name: "to mark the end of the year" keeps its word.
    if (style === 'narrative') expect(markdown).toContain('to mark the end of the year');
  });

  it.each(['narrative', 'summary'] as const)('%s: private notes appear only when asked for', (style) => {
    expect(composePost(input, { style }).markdown).not.toContain('Thinking of leaving');
    expect(composePost(input, { style, includeNotes: true }).markdown).toContain('Thinking of leaving');
  });
});

describe('styles', () => {
  const rich = eventInput({
    event: { title: 'CIO Club: cloud after the hype', venue: 'the Guildhall', series: 'CIO Club' },
    seriesCount: 3,
    topics: ['open data', 'AI', 'legacy IT', 'net zero', 'digital identity', 'procurement reform'],
    people: [
      person({ name: 'Jane Smith', role: 'CDO', organisation: 'HM Treasury', sector: 'Government', relation: 'spoke' }),
      person({ role: 'Head of IT', organisation: 'Home Office', sector: 'Government' }),
      person({ name: 'Ann Bell', organisation: 'Acme', sector: 'Technology' }),
    ],
    facts: [
      {
        text: 'Forty per cent of departments still run COBOL somewhere in their estate, and most of them plan to keep it for a decade or more, which surprised nobody in the room but worried everyone.',
        personId: null,
      },
    ],
  });

  it('social: under 280 characters, hashtags from topics, never cut mid-hashtag', () => {
    const { markdown } = composePost(rich, { style: 'social' });
    const text = markdown.trim();
    expect([...text].length).toBeLessThan(SOCIAL_LIMIT);
    expect(text).toContain('#OpenData');
    expect(text).toContain('Great talk from Jane Smith.');
    expect(text).not.toMatch(/#\w*…/);
    expectClean(markdown);
  });

  it('social: the stand-out fact whole before hashtags; one too long even alone is shortened and keeps one tag', () => {
    const fact = 'Half of digital projects overrun because of procurement, not technology, says the NAO’s latest review of 120 programmes';
    const input = eventInput({
      event: { title: 'Digital leaders breakfast', venue: 'the Guildhall' },
      topics: ['Audience data', 'Device policy', 'Open data'],
      facts: [{ text: fact, personId: null }],
    });
    const text = composePost(input, { style: 'social' }).markdown.trim();
    expect(text).toContain(`Stand-out: ${fact}. #`);
    expect([...text].length).toBeLessThan(SOCIAL_LIMIT);
    expect(text).toMatch(/#AudienceData/);

    const long = `${fact}, and ${fact.toLowerCase()}`;
    const cut = composePost({ ...input, facts: [{ text: long, personId: null }] }, { style: 'social' }).markdown.trim();
    expect(cut).toMatch(/Stand-out: Half of digital projects .*… #AudienceData$/);
    expect([...cut].length).toBeLessThan(SOCIAL_LIMIT);
  });

  it('social: one person met is "someone"; many sectors are named whole, the rest counted', () => {
    const one = composePost(eventInput({ people: [person({ name: 'Ann Lee', sector: 'Technology' })] }), { style: 'social' }).markdown;
    expect(one).toContain('Met someone from technology.');
    const sectors = ['Technology', 'Government', 'Media', 'Health', 'Financial Services'];
    const many = composePost(eventInput({ people: sectors.map((sector, i) => person({ name: `Person ${i}`, sector })) }), { style: 'social' }).markdown;
    expect(many).toMatch(/Met people from technology, government, media and two more\.$/m);
    expect(many).not.toContain('….');
  });

  it('summary: short lists under headings', () => {
    const { markdown, title } = composePost(rich, { style: 'summary' });
    expect(title).toBe('CIO Club: cloud after the hype: summary');
    expect(markdown).toContain('- **When:** Tuesday 21 April 2026, evening');
    expect(markdown).toContain('- **Series:** CIO Club (my third)');
    expect(markdown).toContain('## People\n\n- Jane Smith, CDO at HM Treasury (speaker, government)');
    expect(markdown).toContain('- The head of IT at the Home Office (government)');
    expectClean(markdown);
  });

  it('leaves the event it is given untouched, and writes the same draft whatever the day it is written', () => {
    // Comparing composePost with itself proves nothing; what could break is a draft that reads the clock ("last
    // Tuesday") or edits its input while composing.
    const untouched = structuredClone(rich);
    try {
      for (const style of ['narrative', 'summary', 'social'] as const) {
        vi.useFakeTimers();
        vi.setSystemTime(new Date('2026-04-21T21:00:00Z'));
        const thatEvening = composePost(rich, { style });
        vi.setSystemTime(new Date('2031-11-02T09:30:00Z'));
        const yearsLater = composePost(rich, { style });
        vi.useRealTimers();
        expect(yearsLater).toEqual(thatEvening);
        expect(thatEvening.markdown).not.toMatch(/2031|yesterday|today|tomorrow|last week/i);
        expect(rich).toEqual(untouched);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('escapes Markdown in user text so that names show literally', () => {
    const md = narrative(eventInput({ people: [person({ name: '*Jo* [x](javascript:alert(1)) <b>' })] }));
    expect(md).toContain('\\*Jo\\* \\[x\\](javascript:alert(1)) \\<b\\>');
  });
});
