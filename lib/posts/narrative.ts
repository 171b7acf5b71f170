import type { ComposeContext } from './context';
import { Draft } from './draft';
import { withoutPrivateLines } from './reflection';
import {
  capitalise,
  clean,
  escapeMd,
  firstName,
  joinList,
  lowerFirstWord,
  numberWord,
  orgRef,
  pluralRole,
  roleInProse,
  roleLink,
  roleNoun,
  sentence,
  writtenShortDate,
  whenPhrase,
} from './english';
import { eveningName, oneToOne, summarySource } from './opening';
import { bySector, peoplePhrases, sectorPlace } from './people-phrases';
import { personSource, subject, tellFacts, topicList, topicSource } from './facts';
import type { ComposeFact, ComposePerson, DraftSource } from './types';

// Not "I caught up with": that says we had met before, which the draft does not know.
const MET_VERBS = ['I also met', 'I chatted with', 'I spent time with', 'I got talking to'];
const CARED_VERBS = ['wanted to talk about', 'kept coming back to', 'was most interested in', 'was keen to discuss'];

// Verbs a follow-up usually starts with; only these are lower-cased to read as "I'm going to send…".
const ACTION_VERBS = new Set(
  (
    'send email call ring phone introduce book follow read write share arrange set schedule invite check ask reply ' +
    'connect look find chase meet review draft prepare organise organize plan confirm buy try visit register sign ' +
    'submit update research contact message text thank recommend forward post publish reach catch suggest propose ' +
    'explore order watch listen download join apply get make put take give talk discuss speak pitch demo test see ' +
    'learn start finish compare collect request sort dig'
  ).split(' '),
);

// A line the user started as a list item on the phone: "- ", "* ", "• ", or "1." / "1)".
const LIST_ITEM = /^\s*(?:[-*•]|(\d{1,2})[.)])\s+(.*)$/;

/**
 * A line's words with nothing at their start Markdown would read as structure: a rule or another list ("- - -",
 * "+ x", "2. x" inside an item), or the underline that makes the line above a heading ("---", "===").
 */
const lineSafe = (text: string) => text.replace(/^([-+=_])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');

/** A paragraph the user started with a capital starts with one still, when a description took a private name's place. */
const asTyped = (typed: string, text: string) => (/^\s*\p{Lu}/u.test(typed) ? capitalise(text) : text);

export function paragraphsOf(ctx: ComposeContext, value: string | null | undefined): string[] {
  // A line the user marked "Private:" stays theirs (lib/posts/reflection.ts).
  return withoutPrivateLines(value ?? '')
    .split(/\n\s*\n/)
    .map((p) => {
      const lines = p.split('\n');
      // A paragraph with a list in it keeps its lines ("Three takeaways:" and an item a line), each item a Markdown one;
      // any other paragraph's line breaks are the phone's wrapping, and it reads as one.
      if (!lines.some((line) => LIST_ITEM.test(line))) return asTyped(p, ctx.prose(p));
      // The lines before the first item are one lead-in, and a line that is no item continues the one before it: each
      // is read (and a private name in it found) whole, so a name the phone wrapped across two lines is still found.
      const blocks: { marker: string; words: string }[] = [];
      for (const line of lines) {
        const item = LIST_ITEM.exec(line);
        if (item) blocks.push({ marker: item[1] ? `${item[1]}.` : '-', words: item[2]! });
        else if (blocks.length) blocks[blocks.length - 1]!.words += ` ${line}`;
        else blocks.push({ marker: '', words: line });
      }
      return blocks
        .map(({ marker, words }) => {
          const text = asTyped(words.trim(), lineSafe(ctx.prose(words)));
          return text ? (marker ? `${marker} ${text}` : text) : '';
        })
        .filter(Boolean)
        .join('\n');
    })
    .filter(Boolean);
}

/** A fact with its credit, unless the fact already names whom it came from. */
export function factLine(ctx: ComposeContext, text: string, personId: string | null, startsSentence = true): string {
  const raw = ctx.text(text).replace(/\.$/, '');
  const fact = startsSentence ? capitalise(raw) : raw;
  const credit = ctx.ref(personId);
  if (!credit || fact.toLowerCase().includes(escapeMd(credit.short).toLowerCase())) return fact;
  return `${fact} (${escapeMd(credit.short)})`;
}

const startsWithVerb = (a: string) => ACTION_VERBS.has((clean(a).split(' ')[0] ?? '').toLowerCase());
const lowerIfVerb = (a: string) => (startsWithVerb(a) ? lowerFirstWord(a) : a);

// The past participles of ACTION_VERBS that the rules below would get wrong.
const IRREGULAR_DONE: Record<string, string> = {
  send: 'sent',
  ring: 'rung',
  read: 'read',
  write: 'written',
  set: 'set',
  find: 'found',
  meet: 'met',
  plan: 'planned',
  buy: 'bought',
  submit: 'submitted',
  catch: 'caught',
  get: 'got',
  make: 'made',
  put: 'put',
  take: 'taken',
  give: 'given',
  speak: 'spoken',
  see: 'seen',
  dig: 'dug',
  demo: 'demoed',
};

/** A follow-up done, as "I've already …" continues it: "Connect on LinkedIn" → "connected on LinkedIn". */
function asDone(action: string): string {
  const [verb = '', ...rest] = action.split(' ');
  const v = verb.toLowerCase();
  const done = IRREGULAR_DONE[v] ?? (v.endsWith('e') ? `${v}d` : /[^aeiou]y$/.test(v) ? `${v.slice(0, -1)}ied` : `${v}ed`);
  return [done, ...rest].join(' ');
}

/** True when text already refers to the person: their whole reference, or a named person's first name. */
export function mentions(text: string, ref: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(escapeMd(ref).toLowerCase())) return true;
  // "Send Jo the deck" names Jo Bloggs, and "thank Sarah" names Dr Sarah Khan.
  const first = firstName(ref).split(' ').pop() ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(first) && new RegExp(`(^|[^\\p{L}])${first}([^\\p{L}]|$)`, 'u').test(text);
}

/** True when an unnamed person's job title is already in the text ("pitch the journalist a story"). */
export function mentionsRole(ctx: ComposeContext, text: string, personId: string | null): boolean {
  const person = ctx.input.people.find((p) => p.id === personId);
  const role = escapeMd(clean(person?.role)).toLowerCase();
  return !!role && !ctx.ref(personId)?.named && text.toLowerCase().includes(role);
}

function actionText(ctx: ComposeContext, action: string, personId: string | null, dueOn: string | null): string {
  let text = ctx.text(action).replace(/\.$/, '');
  const who = ctx.ref(personId);
  if (who && !mentions(text, who.short) && !mentionsRole(ctx, text, personId)) text += ` (with ${escapeMd(who.short)})`;
  if (dueOn) text += ` by ${writtenShortDate(dueOn, ctx.input.postDate, ctx.writing.spelling)}`;
  return text;
}

function opening(ctx: ComposeContext, draft: Draft, alone: ReturnType<typeof oneToOne>) {
  const { event, postDate } = ctx.input;
  const when = whenPhrase(event.localDate, event.localHour, postDate, ctx.writing.spelling, ctx.writing.timeRef);
  const name = eveningName(ctx);
  const from = name.from;
  const At = capitalise(when);
  let first: string;
  // "Last night I had coffee with Tom Baker, CTO at Acme.": an evening with one person says whom, once.
  if (alone) first = `${At} I ${alone.did}${name.at} with ${alone.person ? escapeMd(ctx.ref(alone.person.id)!.full) : alone.who}.`;
  // "Tuesday 10 March was another…", but "Last night was another…".
  else if (name.phrase.startsWith('another')) first = `${capitalise(when.replace(/^on /, ''))} was ${name.phrase}${name.at}${name.count}${name.hostedBy}.`;
  // "On Tuesday, April 21, I went…": an American date in the middle of a sentence closes with a comma.
  else first = `${At}${/\d$/.test(when) && when.includes(',') ? ',' : ''} I went to ${name.phrase}${name.at}${name.hostedBy}.`;
  draft.paragraph().say(first, from);
  if (name.own) draft.say(`This time it was “${name.own}”.`, [{ kind: 'event', label: `Title: ${ctx.plain(event.title)}` }]);
  // A short draft keeps only the first thing the summary says (usually the theme).
  for (const m of ctx.writing.length === 'short' ? name.material.slice(0, 1) : name.material) draft.say(m, [summarySource(ctx)]);
}

function talk(ctx: ComposeContext, draft: Draft, speakers: ComposePerson[], facts: ComposeFact[]) {
  if (speakers.length === 0) return;
  if (ctx.writing.headings) draft.heading('The talk');
  draft.paragraph();
  const told = new Set<ComposeFact>();
  const factsOf = (p: ComposePerson) => facts.filter((f) => f.personId === p.id && !told.has(f));
  if (speakers.length === 1) {
    const s = speakers[0]!;
    const topics = topicList(ctx, s.topics);
    const about = topics ? ` spoke about ${topics}` : ' gave the talk';
    draft.say(`${subject(ctx.ref(s.id)!.full)}${about}.`, [personSource(ctx, s), ...s.topics.map((t) => topicSource(ctx, t))]);
    const mine = factsOf(s);
    mine.forEach((f) => told.add(f));
    tellFacts(ctx, draft, s, mine, true, true);
    return;
  }
  draft.say(
    `We heard from ${escapeMd(joinList(speakers.map((s) => ctx.ref(s.id)!.full)))}.`,
    speakers.map((s) => personSource(ctx, s)),
  );
  const verbs = ['spoke about', 'talked about', 'covered', 'took on'];
  speakers.forEach((s, i) => {
    const topics = topicList(ctx, s.topics);
    if (topics)
      draft.say(`${escapeMd(capitalise(ctx.ref(s.id)!.short))} ${verbs[i % verbs.length]} ${topics}.`, [
        personSource(ctx, s),
        ...s.topics.map((t) => topicSource(ctx, t)),
      ]);
    const mine = factsOf(s);
    mine.forEach((f) => told.add(f));
    tellFacts(ctx, draft, s, mine, !!topics, true, i);
  });
}

/**
 * How many of the people met a draft tells one by one, by its length. A big evening (forty people logged from a
 * badge scan) would otherwise read as a register, not as something someone wrote: past this, the ones there is
 * most to say about are named and the others are counted, with where they came from.
 */
const TOLD_AT_MOST = { short: 10, usual: 12, long: 16 } as const;

/**
 * The people met, split into those told one by one and the others, counted: first those who gave a fact, cared about
 * a topic, have a follow-up or notes, then in the order they were logged; those told keep that order.
 */
function toTell(ctx: ComposeContext, met: ComposePerson[]): { told: ComposePerson[]; counted: ComposePerson[] } {
  const most = TOLD_AT_MOST[ctx.writing.length];
  if (met.length <= most) return { told: met, counted: [] };
  const weight = (p: ComposePerson) =>
    3 * ctx.input.facts.filter((f) => f.personId === p.id && clean(f.text)).length +
    2 * p.topics.filter((t) => clean(t)).length +
    ctx.input.followUps.filter((f) => f.personId === p.id).length +
    (ctx.options.includeNotes && clean(p.notes) ? 1 : 0);
  const picked = new Set(
    met
      .map((p, i) => ({ p, i, w: weight(p) }))
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, most)
      .map((x) => x.p),
  );
  return { told: met.filter((p) => picked.has(p)), counted: met.filter((p) => !picked.has(p)) };
}

/** "I met 28 more people besides, from HMRC, the Cabinet Office, DWP and 9 more organisations.": the counted, and whence. */
function theOthers(ctx: ComposeContext, draft: Draft, counted: ComposePerson[]) {
  if (!counted.length) return;
  // Organisations told apart in any case ("HMRC", "Hmrc"), written as first seen.
  const orgs = new Map<string, { name: string; count: number }>();
  for (const p of counted) {
    const org = clean(p.organisation);
    if (!org) continue;
    const had = orgs.get(org.toLowerCase());
    orgs.set(org.toLowerCase(), { name: had?.name ?? org, count: (had?.count ?? 0) + 1 });
  }
  // The organisations most of them came from, first seen first among equals (a Map keeps the order they came in).
  const named = [...orgs.values()].sort((a, b) => b.count - a.count).map((o) => escapeMd(orgRef(o.name)));
  const shown = named.length > 4 ? [...named.slice(0, 3), `${numberWord(named.length - 3)} more organisations`] : named;
  const who = counted.length === 1 ? 'one more person' : `${numberWord(counted.length)} more people`;
  // "from HMRC" only when every one of them was; else "some of them from …".
  const whence = !shown.length ? '' : counted.every((p) => clean(p.organisation)) ? `, from ${joinList(shown)}` : `, some of them from ${joinList(shown)}`;
  draft.say(
    `I met ${who} besides${whence}.`,
    counted.map((p) => personSource(ctx, p)),
  );
}

/** Who I met: `told` by name (toTell) and `counted`, everyone met being both. */
function whoIMet(ctx: ComposeContext, draft: Draft, { told: met, counted }: ReturnType<typeof toTell>, mentioned: ComposePerson[]) {
  const everyoneMet = [...met, ...counted];
  if (everyoneMet.length === 0 && mentioned.length === 0) return;
  if (ctx.writing.headings) draft.heading('Who I met');
  draft.paragraph();
  const unnamed = ctx.writing.unnamed;
  const sectors = bySector(met);
  // Where everyone came from, the counted too.
  const known = bySector(everyoneMet)
    .filter((s) => s.sector !== null)
    .map((s) => sectorPlace(s.sector!));
  const short = ctx.writing.length === 'short';
  // Lists are told a few people at a time, so that no sentence runs past what a reader holds; a long draft
  // takes each group in a sentence of its own.
  const size = ctx.writing.length === 'long' ? 1 : 4;
  const inChunks = (people: ComposePerson[], lead: string, from: DraftSource[]) => {
    const phrases = peoplePhrases(people, unnamed);
    for (let i = 0; i < phrases.length; i += size) {
      const chunk = escapeMd(joinList(phrases.slice(i, i + size)));
      draft.say(i === 0 ? `${lead} ${chunk}.` : `${MET_VERBS[(i / size - 1) % MET_VERBS.length]!} ${chunk}.`, from);
    }
  };
  if (sectors.length === 1 || (short && met.length <= 6)) {
    if (met.length)
      inChunks(
        met,
        'I talked to',
        met.map((p) => personSource(ctx, p)),
      );
  } else {
    if (known.length > 1)
      draft.say(
        `The people I talked to came from ${escapeMd(joinList(known))}.`,
        everyoneMet.map((p) => ({ kind: 'person' as const, label: capitalise(ctx.ref(p.id)!.full) })),
      );
    sectors.forEach((group, i) => {
      const from = group.people.map((p) => personSource(ctx, p));
      const verb = i === 0 ? 'I talked to' : MET_VERBS[(i - 1) % MET_VERBS.length]!;
      // "In finance, I talked to…" reads as speech does; "From finance, I talked to…" does not.
      if (group.sector) inChunks(group.people, `In ${escapeMd(sectorPlace(group.sector))}, ${verb}`, from);
      else inChunks(group.people, i === 0 ? 'I talked to' : 'There was also', from);
    });
  }
  theOthers(ctx, draft, counted);
  if (mentioned.length === 1) {
    const p = mentioned[0]!;
    draft.say(`${subject(ctx.ref(p.id)!.full)} came up in conversation${met.length ? ' too' : ''}.`, [personSource(ctx, p)]);
  } else if (mentioned.length === 2) {
    const [a, b] = mentioned.map((p) => escapeMd(ctx.ref(p.id)!.full));
    draft.say(
      `Two names came up in conversation${met.length ? ' too' : ''}.`,
      mentioned.map((p) => personSource(ctx, p)),
    );
    draft.say(
      `One was ${a}; the other was ${b}.`,
      mentioned.map((p) => personSource(ctx, p)),
    );
  } else if (mentioned.length > 2) {
    draft.say(
      `A few names came up in conversation: ${escapeMd(joinList(mentioned.map((p) => ctx.ref(p.id)!.full)))}.`,
      mentioned.map((p) => personSource(ctx, p)),
    );
  }
}

function conversation(ctx: ComposeContext, draft: Draft, others: ComposePerson[], facts: ComposeFact[], afterTalk: boolean) {
  const saidByOthers = new Set(ctx.input.people.filter((p) => p.relation === 'spoke').flatMap((p) => p.topics.map((t) => ctx.text(t).toLowerCase())));
  const topics = ctx.input.topics.filter((t) => ctx.text(t));
  const fresh = topics.filter((t) => !saidByOthers.has(ctx.text(t).toLowerCase()));
  const cared = others.filter((p) => p.topics.some((t) => clean(t)));
  if (topics.length === 0 && cared.length === 0 && facts.length === 0) return;
  if (ctx.writing.headings) draft.heading('What we talked about');
  draft.paragraph();
  if (topics.length > 0) {
    const from = topics.map((t) => topicSource(ctx, t));
    // Coffee only where a morning's gathering would have it, not at an evening logged as starting after midnight.
    const hour = ctx.input.event.localHour;
    const part = hour >= 6 && hour < 12 ? 'Over coffee' : 'Afterwards';
    if (fresh.length === 0) draft.say(`${afterTalk ? part : 'Later'}, the conversation kept returning to ${topicList(ctx, topics)}.`, from);
    else if (afterTalk)
      draft.say(
        `${part}, the conversation turned to ${topicList(ctx, fresh)}${
          fresh.length < topics.length
            ? ` as well as ${topicList(
                ctx,
                topics.filter((t) => !fresh.includes(t)),
              )}`
            : ''
        }.`,
        from,
      );
    else draft.say(`We talked about ${topicList(ctx, topics)}.`, from);
  }
  // People described alike who cared about the same things are one sentence: "Both directors at Acme wanted to talk
  // about cloud costs", not the same subject twice.
  const topicsKey = (p: ComposePerson) =>
    p.topics
      .map((t) => ctx.text(t).toLowerCase())
      .sort()
      .join('\n');
  const together = new Set<string>();
  for (const p of cared) {
    if (together.has(p.id)) continue;
    const same = cared.filter((q) => ctx.alike(p.id).includes(q.id) && topicsKey(q) === topicsKey(p));
    const role = roleInProse(roleNoun(clean(p.role)));
    const org = orgRef(clean(p.organisation));
    if (same.length < 2 || !role || !org) continue;
    for (const q of same) together.add(q.id);
    const all = same.length === 2 ? 'Both' : `All ${numberWord(same.length)}`;
    draft.say(`${all} ${escapeMd(`${pluralRole(role)} ${roleLink(role)} ${org}`)} wanted to talk about ${topicList(ctx, p.topics)}.`, [
      ...same.map((q) => personSource(ctx, q)),
      ...p.topics.map((t) => topicSource(ctx, t)),
    ]);
  }
  cared
    .filter((p) => !together.has(p.id))
    .forEach((p, i) => {
      const who = subject(ctx.ref(p.id)!.short);
      const from = [personSource(ctx, p), ...p.topics.map((t) => topicSource(ctx, t))];
      // Not "the talk turned to": the sentence before may have said "the conversation turned to" the same topics.
      if (i % 4 === 1) draft.say(`With ${escapeMd(ctx.ref(p.id)!.short)}, I talked mostly about ${topicList(ctx, p.topics)}.`, from);
      else draft.say(`${who} ${CARED_VERBS[i % CARED_VERBS.length]} ${topicList(ctx, p.topics)}.`, from);
    });
  const byPerson = new Map<string | null, ComposeFact[]>();
  for (const f of facts) byPerson.set(f.personId, [...(byPerson.get(f.personId) ?? []), f]);
  for (const [id, fs] of byPerson) tellFacts(ctx, draft, ctx.input.people.find((p) => p.id === id) ?? null, fs, false, false);
}

function followUps(ctx: ComposeContext, draft: Draft) {
  const items = ctx.input.followUps.filter((f) => clean(f.action));
  if (items.length === 0) return;
  const open = items.filter((f) => !f.done);
  const done = items.filter((f) => f.done);
  const from = (f: (typeof items)[number]): DraftSource[] => [
    { kind: 'follow-up', label: ctx.plain(f.action) },
    ...(f.personId && ctx.ref(f.personId) ? [{ kind: 'person' as const, label: capitalise(ctx.ref(f.personId)!.full) }] : []),
  ];
  if (ctx.writing.headings) draft.heading('What’s next');
  draft.paragraph();
  const verbs = open.every((f) => startsWithVerb(f.action));
  if (open.length === 1 || (open.length > 1 && verbs && open.length <= 3)) {
    const texts = open.map((f) => actionText(ctx, f.action, f.personId, f.dueOn));
    if (verbs) draft.say(`Next, I’m going to ${joinList(texts.map(lowerFirstWord))}.`, open.flatMap(from));
    else draft.say(`One thing to follow up: ${sentence(texts[0]!)}`, from(open[0]!));
  } else if (open.length > 1) {
    draft.say('On my list now:', []);
    draft.list(open.map((f) => ({ text: capitalise(actionText(ctx, f.action, f.personId, f.dueOn)), from: from(f) })));
    draft.paragraph();
  }
  if (done.length > 0) {
    const texts = done.map((f) => actionText(ctx, f.action, f.personId, null));
    // Said as done, not as orders: "I've already connected on LinkedIn and thanked the organisers."
    if (texts.every(startsWithVerb)) draft.say(`I’ve already ${sentence(joinList(texts.map(asDone)))}`, done.flatMap(from));
    else draft.say(`Already done: ${sentence(joinList(texts.map(lowerIfVerb)))}`, done.flatMap(from));
  }
}

/**
 * The first-person narrative: when and where and whether it was a regular thing, the talk with its numbers
 * told inline, who I met by sector and organisation, the conversation, what's next (only when the user asks
 * for their follow-ups), and the user's own reflection. Headings only when the user asks for them.
 */
export function composeNarrativeDraft(ctx: ComposeContext): Draft {
  const people = ctx.input.people;
  const speakers = people.filter((p) => p.relation === 'spoke');
  const met = people.filter((p) => p.relation === 'met');
  const mentioned = people.filter((p) => p.relation === 'mentioned');
  const facts = ctx.input.facts.filter((f) => clean(f.text));
  const speakerIds = new Set(speakers.map((s) => s.id));
  const draft = new Draft();
  // An evening with one person ("Coffee with Tom"): the opening says whom, and the people paragraph does not again.
  const alone = oneToOne(ctx);
  opening(ctx, draft, alone);
  talk(ctx, draft, speakers, facts);
  // Past a dozen or so, those there is most to say about are named and the others counted, here and after.
  const telling = toTell(ctx, met);
  // The one person of an evening with one person, whom the opening has told.
  const toldAlready = alone?.person;
  whoIMet(ctx, draft, { told: telling.told.filter((p) => p !== toldAlready), counted: telling.counted }, mentioned);
  if (ctx.options.includeNotes) {
    const noted = people.filter((p) => clean(p.notes));
    if (noted.length) {
      draft.paragraph().say('From my notes:', []);
      draft.list(noted.map((p) => ({ text: `${escapeMd(capitalise(ctx.ref(p.id)!.short))}: ${ctx.text(p.notes)}`, from: [personSource(ctx, p)] })));
    }
  }
  conversation(
    ctx,
    draft,
    // Those counted rather than told by name are not brought back one by one in the conversation ("With Sam, …").
    [...telling.told, ...mentioned],
    facts.filter((f) => !f.personId || !speakerIds.has(f.personId)),
    speakers.length > 0,
  );
  // Follow-ups are the user's own to-do list, often naming people who were not there: private unless asked for.
  if (ctx.options.includeFollowUps) followUps(ctx, draft);
  const reflection = paragraphsOf(ctx, ctx.input.event.reflection);
  if (reflection.length) {
    if (ctx.writing.headings) draft.heading('What I made of it');
    for (const r of reflection) draft.paragraph().say(r, [{ kind: 'reflection', label: 'Your reflection' }]);
  }
  const signOff = ctx.text(ctx.writing.signOff);
  if (signOff) draft.paragraph().say(signOff, [{ kind: 'setting', label: 'Your sign-off (Settings → Writing)' }]);
  return draft;
}
