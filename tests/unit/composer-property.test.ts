import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composePost } from '@/lib/posts/compose';
import { clean, escapeMd, orgRef, pluralRole, roleNoun } from '@/lib/posts/english';
import { SOCIAL_LIMIT } from '@/lib/posts/social';
import { POST_STYLES, type ComposeInput, type ComposePerson } from '@/lib/posts/types';
import { ARTEFACTS } from './composer-helpers';

// Words include Markdown's special characters, so escaping is exercised too.
const word = fc.stringMatching(/^[A-Za-z0-9%*_#&<>[\]!'’-]{1,9}$/);
const text = fc
  .array(word, { minLength: 1, maxLength: 6 })
  .map((ws) => ws.join(' '))
  .filter((t) => !ARTEFACTS.some((re) => re.test(escapeMd(clean(t)))) && !/[.!?…:]$/.test(t))
  // A topic whose words, capitalised and joined, hold "NaN" ("na% N &", or "A] Na< n[") rightly becomes such a hashtag
  // (#NaN, #ANaN), which the artefact check would take for a number gone wrong (seeds 1702927612 and -360117602 found
  // them). "Finance" is not one: its hashtag is #Finance.
  .filter(
    (t) =>
      !/NaN/.test(
        t
          .split(/[^\p{L}\p{N}]+/u)
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(''),
      ),
  );
const realRole = fc.constantFrom('Head of IT', 'CIO', 'Chief Digital Officer', 'Engineer', 'Policy Secretary', 'Director of Data');
const realOrg = fc.constantFrom('Home Office', 'HM Treasury', 'Cabinet Office', 'Acme', 'University of Leeds', 'BBC');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
// Names are two capitalised words with a rare prefix, so that finding or not finding one is meaningful.
const name = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{2,6}$/), fc.stringMatching(/^[A-Z][a-z]{2,6}$/))
  .map(([a, b]) => `Zq${a.toLowerCase()} Xv${b.toLowerCase()}`);

const personArb = fc.record({
  name: maybe(name),
  role: maybe(fc.oneof(realRole, text)),
  organisation: maybe(fc.oneof(realOrg, text)),
  sector: maybe(fc.constantFrom('Government', 'Technology', 'Higher education', 'Charity and non-profit')),
  keepPrivate: fc.boolean(),
  relation: fc.constantFrom('met' as const, 'met' as const, 'spoke' as const, 'mentioned' as const),
  topics: fc.array(text, { maxLength: 3 }),
  notes: maybe(text.map((t) => `Secretnote ${t}`)),
});

const inputArb: fc.Arbitrary<ComposeInput> = fc
  .record({
    people: fc.uniqueArray(personArb, { maxLength: 9, selector: (p) => p.name ?? Math.random() }),
    topics: fc.array(text, { maxLength: 5 }),
    facts: fc.array(fc.record({ text, by: fc.nat(12) }), { maxLength: 4 }),
    followUps: fc.array(fc.record({ action: text, by: fc.nat(12), done: fc.boolean(), due: fc.boolean() }), { maxLength: 4 }),
    title: text,
    venue: maybe(text),
    host: maybe(text),
    series: maybe(text),
    reflection: maybe(text),
    seriesCount: fc.nat(30),
    hour: fc.integer({ min: 0, max: 23 }),
    daysBefore: fc.integer({ min: 0, max: 40 }),
  })
  .map((r) => {
    const people: ComposePerson[] = r.people.map((p, i) => ({ ...p, id: `person-${i}` }));
    const idAt = (n: number) => people[n]?.id ?? null;
    const date = new Date(Date.UTC(2026, 3, 22) - r.daysBefore * 86_400_000).toISOString().slice(0, 10);
    return {
      event: { title: r.title, venue: r.venue, host: r.host, series: r.series, summary: null, reflection: r.reflection, localDate: date, localHour: r.hour },
      postDate: '2026-04-22',
      seriesCount: r.seriesCount,
      people,
      topics: r.topics,
      facts: r.facts.map((f) => ({ text: f.text, personId: idAt(f.by) })),
      followUps: r.followUps.map((f) => ({ action: f.action, personId: idAt(f.by), done: f.done, dueOn: f.due ? '2026-05-01' : null })),
    };
  });

/** Whether the Markdown holds the value, read as text: Markdown escapes dropped ("\\#" is "#"). */
const unescaped = (md: string) => md.replace(/\\([\\`*_[\]<>~|&#!])/g, '$1');
const has = (md: string, value: string) => unescaped(md).toLowerCase().includes(clean(value).replace(/\.$/, '').toLowerCase());

function describedSomehow(md: string, p: ComposePerson): boolean {
  const role = roleNoun(clean(p.role));
  if (role) return has(md, role) || has(md, pluralRole(role));
  if (clean(p.organisation)) return has(md, orgRef(clean(p.organisation))) || has(md, clean(p.organisation));
  return /someone|guest|one person/i.test(md);
}

describe('composer properties', () => {
  it('narrative and summary: every person, topic, fact and (asked for) follow-up appears (or is anonymised), and no artefact ever does', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom('narrative' as const, 'summary' as const), (input, style) => {
        const { markdown, title } = composePost(input, { style, includeFollowUps: true });
        for (const re of ARTEFACTS) expect(markdown, `artefact ${re}`).not.toMatch(re);
        expect(title).not.toMatch(/undefined|null|\[object/);
        for (const p of input.people) {
          const named = !p.keepPrivate && p.name;
          if (named) expect(has(markdown, p.name!), `named ${p.name}`).toBe(true);
          else expect(describedSomehow(markdown, p), `described ${JSON.stringify(p)}`).toBe(true);
          if (p.keepPrivate && p.name) expect(markdown).not.toContain(p.name);
          for (const t of p.topics) expect(has(markdown, t), `person topic ${t}`).toBe(true);
          if (p.notes) expect(unescaped(markdown)).not.toContain(clean(p.notes));
        }
        for (const t of input.topics) expect(has(markdown, t), `topic ${t}`).toBe(true);
        for (const f of input.facts) expect(has(markdown, f.text), `fact ${f.text}`).toBe(true);
        // One done is told as done, its verb in the past ("apply for the grant" is "applied for the grant"): the rest of it
        // is there as typed (seed-free: fast-check found "apply #").
        const told = (f: (typeof input.followUps)[number]) => has(markdown, f.action) || (f.done && has(markdown, f.action.split(' ').slice(1).join(' ')));
        for (const f of input.followUps) expect(told(f), `follow-up ${f.action}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('social: always under 280 characters, never names a private person, no artefacts', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { markdown } = composePost(input, { style: 'social' });
        expect([...markdown.trim()].length).toBeLessThan(SOCIAL_LIMIT);
        for (const re of ARTEFACTS) expect(markdown).not.toMatch(re);
        for (const p of input.people) if (p.keepPrivate && p.name) expect(markdown).not.toContain(p.name);
      }),
      { numRuns: 300 },
    );
  });

  it('follow-ups appear only when asked for: by default no sentence is written from one', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...POST_STYLES), (input, style) => {
        const { markdown, parts } = composePost(input, { style });
        expect(parts.flatMap((p) => p.from).filter((f) => f.kind === 'follow-up')).toEqual([]);
        expect(markdown).not.toMatch(/Next, I’m going to|On my list now|One thing to follow up|Already done|I’ve already|Follow-ups/);
      }),
      { numRuns: 200 },
    );
  });

  it('private notes appear only when asked for', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const withNotes = composePost(input, { style: 'narrative', includeNotes: true }).markdown;
        for (const p of input.people.filter((q) => q.notes)) expect(has(withNotes, p.notes!)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
