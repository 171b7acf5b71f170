import { describe, expect, it } from 'vitest';
import { composePost } from '@/lib/posts/compose';
import { writingHabits } from '@/lib/posts/habits';
import { writingFormSchema, storedFromForm } from '@/lib/settings/writing';
import { SAMPLE_EVENINGS } from '@/tests/fixtures/evenings';
import { eventInput, person } from './composer-helpers';

const secret = person({ name: 'Tom Secret', role: 'CTO', organisation: 'Acme', sector: 'Technology', keepPrivate: true, email: 'tom@acme.test' });
const evening = eventInput({
  event: { title: 'CIO Club', series: 'CIO Club', venue: 'the Guildhall', reflection: 'Worth going.' },
  seriesCount: 3,
  people: [person({ name: 'Jane Smith', role: 'CIO', organisation: 'HM Treasury', sector: 'Government' }), secret],
  topics: ['Procurement'],
  facts: [{ text: 'Tom Secret says budgets are frozen', personId: secret.id }],
  followUps: [{ action: 'Send Jane the deck', personId: null, dueOn: '2026-04-24', done: false }],
});
const narrative = (writing: Parameters<typeof composePost>[1]['writing'], includeFollowUps = false) =>
  composePost(evening, { style: 'narrative', writing, includeFollowUps }).markdown;

describe('Settings → Writing in the draft', () => {
  it('headings are off for a narrative and on for a summary unless the user chooses', () => {
    expect(narrative({})).not.toMatch(/^##/m);
    expect(narrative({ headings: true })).toMatch(/^## Who I met$/m);
    expect(composePost(evening, { style: 'summary' }).markdown).toMatch(/^## People$/m);
    expect(composePost(evening, { style: 'summary', writing: { headings: false } }).markdown).not.toMatch(/^##/m);
  });

  it('American spelling and dates', () => {
    const md = narrative({ spelling: 'american', timeRef: 'date' }, true);
    expect(md).toMatch(/^Tuesday, April 21 was another CIO Club evening at the Guildhall, my third so far\./);
    expect(md).toContain('by Friday, April 24');
    expect(narrative({}, true)).toContain('by Friday 24 April');
  });

  it('the summary’s fragments are the user’s note of what the evening was, each said once, with its article', () => {
    const post = (summary: string) => composePost(eventInput({ event: { summary } }), { style: 'narrative' }).markdown;
    expect(post('Panel on AI in public services, then drinks. Good mix of central and local government.')).toContain(
      'It was a panel on AI in public services, then drinks. A good mix of central and local government.',
    );
    expect(post('Drinks for founders.')).toContain('It was drinks for founders.');
    expect(post('An evening of lightning talks.')).toContain('It was an evening of lightning talks.');
    expect(post('Panel on AI. Good mix of people.')).not.toMatch(/billed|It was .*It was/s);
  });

  it.each([
    ['role', 'the CTO at Acme'],
    ['sector', 'someone from technology'],
    ['guest', 'a fellow guest'],
  ] as const)('people who asked not to be named: %s → %j, never their name or email', (unnamed, phrase) => {
    for (const style of ['narrative', 'summary', 'social'] as const) {
      const { markdown } = composePost(evening, { style, writing: { unnamed } });
      expect(markdown).not.toMatch(/Tom|Secret|tom@acme/);
      if (style !== 'social') expect(markdown.toLowerCase()).toContain(phrase.toLowerCase());
    }
  });

  it('a sign-off closes the draft, escaped like any other text', () => {
    expect(narrative({ signOff: 'Onwards, *Sam*' }).trimEnd().endsWith('Worth going.\n\nOnwards, \\*Sam\\*')).toBe(true);
    expect(narrative({})).not.toContain('Onwards');
  });

  it('length: a short draft tells fewer sentences about the same people', () => {
    const many = eventInput({
      people: ['Government', 'Technology', 'Media'].map((sector, i) => person({ name: `Person ${'ABC'[i]}`, sector })),
    });
    const short = composePost(many, { style: 'narrative', writing: { length: 'short' } }).markdown;
    const usual = composePost(many, { style: 'narrative' }).markdown;
    expect(short).toContain('I talked to Person A, Person B and Person C.');
    expect(usual).toContain('The people I talked to came from government, technology and media.');
    expect(short.length).toBeLessThan(usual.length);
  });

  it('a big evening names those there is most to say about and counts the rest, with where they came from', () => {
    const orgs = ['HMRC', 'Cabinet Office', 'DWP', 'Ofcom', 'Met Office', 'BBC'];
    const crowd = Array.from({ length: 30 }, (_, i) =>
      person({
        name: `Guest ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`,
        organisation: orgs[i % 3 === 0 ? 0 : i % orgs.length]!,
        sector: 'Government',
      }),
    );
    // Logged last, but the one with a fact and the one who cared about a topic are told by name.
    const speaker = person({ name: 'Dana Fact', organisation: 'NAO', sector: 'Government' });
    const keen = person({ name: 'Kit Topic', organisation: 'DfE', sector: 'Government', topics: ['device policy'] });
    const evening = eventInput({ people: [...crowd, speaker, keen], facts: [{ text: 'A third of laptops are over five years old', personId: speaker.id }] });
    const usual = composePost(evening, { style: 'narrative' }).markdown;
    expect(usual).toContain('Dana Fact');
    expect(usual).toContain('Kit Topic');
    // Twelve told one by one (those two and the first ten logged), the other twenty counted with their organisations.
    expect(usual).toContain('Guest J');
    expect(usual).not.toContain('Guest K');
    expect(usual).toContain('I met 20 more people besides, from HMRC, the Met Office, the BBC and two more organisations.');
    // A fact that opens with "A" reads on mid-sentence.
    expect(usual).toContain('Dana told me that a third of laptops are over five years old.');
    const levels = composePost(eventInput({ people: [speaker], facts: [{ text: 'A-level results are out on Thursday', personId: speaker.id }] }), {
      style: 'narrative',
    }).markdown;
    expect(levels).toContain('A-level results are out on Thursday');
    const named = composePost(eventInput({ people: [speaker], facts: [{ text: 'A Level Playing Field is the new report', personId: speaker.id }] }), {
      style: 'narrative',
    }).markdown;
    expect(named).toContain('A Level Playing Field');
    const long = composePost(evening, { style: 'narrative', writing: { length: 'long' } }).markdown;
    expect(long).toContain('Guest N');
    expect(long).toContain('I met 16 more people besides');
    // One more than the usual twelve, some with no organisation: said so, not "from" the one organisation named.
    const thirteen = [
      ...crowd.slice(0, 11),
      person({ name: 'No Org', sector: 'Government' }),
      person({ name: 'Last Hmrc', organisation: 'hmrc', sector: 'Government' }),
    ];
    const one = composePost(eventInput({ people: thirteen }), { style: 'narrative' }).markdown;
    // Typed in lower case on a phone, written as the acronym it is.
    expect(one).toContain('I met one more person besides, from HMRC.');
    const mixed = composePost(
      eventInput({
        people: [...crowd.slice(0, 12), person({ name: 'No Org A' }), person({ name: 'No Org B' }), person({ name: 'Ann Hmrc', organisation: 'Hmrc' })],
      }),
      {
        style: 'narrative',
      },
    ).markdown;
    expect(mixed).toContain('I met three more people besides, some of them from Hmrc.');
    // A usual evening of up to twelve is told whole.
    const twelve = composePost(eventInput({ people: crowd.slice(0, 12) }), { style: 'narrative' }).markdown;
    expect(twelve).not.toContain('besides');
    for (const p of crowd.slice(0, 12)) expect(twelve).toContain(p.name!);
  });

  it('length: short < usual < long for a full evening, with the same people, facts and follow-ups (when asked for) in each', () => {
    const guildhall = SAMPLE_EVENINGS[0]!.input;
    const [short, usual, long] = (['short', 'usual', 'long'] as const).map(
      (length) => composePost(guildhall, { style: 'narrative', writing: { length }, includeFollowUps: true }).markdown,
    );
    expect(short!.length).toBeLessThan(usual!.length);
    expect(usual!.length).toBeLessThan(long!.length);
    expect(long).toContain('In local government, I talked to the CTO at Kent County Council. I also met Tom Okafor, data analyst at Kent County Council.');
    for (const md of [short!, long!]) {
      for (const text of [
        'Priya Raman',
        'Tom Okafor',
        'Sara Lind',
        'Ann Lee',
        '62% of councils',
        'one in five',
        '14 months',
        'ONS sharing checklist',
        'Civic Signal pilot',
      ])
        expect(md).toContain(text);
    }
  });
});

describe('habits from published posts', () => {
  const post = (open: string, close: string, headings = false) => `${open}\n\n${headings ? '## Who I met\n\n' : ''}I organised my thoughts.\n\n${close}`;

  it('takes what at least two posts agree on', () => {
    expect(
      writingHabits([
        post('Last night I went to a meetup.', 'Onwards, Sam', true),
        post('Yesterday morning was a breakfast.', 'Onwards, Sam', true),
        post('On Tuesday 3 March I went out.', 'Bye'),
      ]),
    ).toEqual({ headings: true, timeRef: 'relative', spelling: 'british', signOff: 'Onwards, Sam' });
    expect(writingHabits(['On Tuesday, April 21 I organized a dinner.\n\nx', 'Monday, March 2 we realized it.\n\ny'])).toMatchObject({
      headings: false,
      timeRef: 'date',
      spelling: 'american',
    });
  });

  it('one post, or none, says nothing', () => {
    expect(writingHabits([])).toEqual({});
    expect(writingHabits([post('Last night', 'Onwards', true)])).toEqual({});
  });
});

describe('the Writing form', () => {
  it('accepts the choices and turns "automatic" into nothing stored', () => {
    const parsed = writingFormSchema.parse({
      length: 'short',
      headings: 'auto',
      spelling: 'american',
      unnamed: 'guest',
      timeRef: 'auto',
      signOff: '  Cheers  ',
    });
    expect(storedFromForm(parsed)).toEqual({ length: 'short', spelling: 'american', unnamed: 'guest', signOff: 'Cheers' });
    expect(
      storedFromForm(writingFormSchema.parse({ length: 'usual', headings: 'off', spelling: 'british', unnamed: 'role', timeRef: 'date', signOff: '' })),
    ).toEqual({
      length: 'usual',
      headings: false,
      spelling: 'british',
      unnamed: 'role',
      timeRef: 'date',
      signOff: null,
    });
  });

  it('refuses what it does not know, with a message per field', () => {
    const r = writingFormSchema.safeParse({
      length: 'epic',
      headings: 'maybe',
      spelling: 'scots',
      unnamed: 'name them',
      timeRef: 'later',
      signOff: 'x'.repeat(121),
    });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => String(i.path[0])));
    expect(fields).toEqual(new Set(['length', 'headings', 'spelling', 'unnamed', 'timeRef', 'signOff']));
    expect(r.error!.issues.find((i) => i.path[0] === 'length')!.message).toBe('Choose a length');
  });
});
