import type { ComposeContext } from './context';
import type { ComposePerson } from './types';
import {
  capitalise,
  clean,
  escapeMd,
  joinList,
  lowerFirstWord,
  ordinal,
  partOfDay,
  sentence,
  shortDate,
  whenPhrase,
} from './english';
import { bySector, peoplePhrases, sectorNoun } from './people-phrases';

const MET_VERBS = ['I talked to', 'I also met', 'I caught up with', 'I spent time with'];
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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function paragraphsOf(ctx: ComposeContext, value: string | null | undefined): string[] {
  return (value ?? '')
    .split(/\n\s*\n/)
    .map((p) => ctx.text(p))
    .filter(Boolean);
}

function opening(ctx: ComposeContext): string {
  const { event, postDate, seriesCount } = ctx.input;
  const when = whenPhrase(event.localDate, event.localHour, postDate);
  const part = partOfDay(event.localHour);
  const title = ctx.text(event.title);
  const series = ctx.text(event.series);
  const venue = ctx.text(event.venue);
  const host = ctx.text(event.host);
  const at = venue ? ` at ${venue}` : '';
  const parts: string[] = [];
  const titleIsSeries = series && clean(event.title).toLowerCase() === clean(event.series).toLowerCase();
  if (series && seriesCount >= 2) {
    parts.push(`${capitalise(when)} was another ${series} ${part}${at}, my ${ordinal(seriesCount)} so far.`);
  } else if (series) {
    parts.push(`${capitalise(when)} I went to my first ${series} ${part}${at}.`);
  } else {
    parts.push(`${capitalise(when)} I was at ${title}${venue ? `, at ${venue}` : ''}${host ? `, hosted by ${host}` : ''}.`);
  }
  // "CIO Club: cloud after the hype" in the CIO Club series is, this time, "cloud after the hype".
  const own = ctx.text(clean(event.title).replace(new RegExp(`^${escapeRe(clean(event.series))}\\s*[:—–-]\\s*`, 'i'), ''));
  if (series && !titleIsSeries) parts.push(`This one was “${own || title}”${host ? `, hosted by ${host}` : ''}.`);
  else if (series && host) parts.push(`It was hosted by ${host}.`);
  return parts.join(' ');
}

function speakerSection(ctx: ComposeContext, speakers: ComposePerson[]): string[] {
  if (speakers.length === 0) return [];
  const intro = speakers.map((s) => ctx.ref(s.id)!.full);
  const lines = [
    speakers.length === 1
      ? `The speaker was ${escapeMd(intro[0]!)}.`
      : `We heard from ${escapeMd(joinList(intro))}.`,
  ];
  for (const s of speakers.filter((sp) => sp.topics.some((t) => clean(t)))) {
    const topics = joinList(s.topics.map((t) => ctx.text(t)).filter(Boolean));
    // One speaker is already introduced: "The talk covered…" avoids repeating the name or guessing a pronoun.
    lines.push(speakers.length === 1 ? `The talk covered ${topics}.` : `${escapeMd(capitalise(ctx.ref(s.id)!.short))} spoke about ${topics}.`);
  }
  return ['## The talk', lines.join(' ')];
}

function metSection(ctx: ComposeContext, met: ComposePerson[], mentioned: ComposePerson[]): string[] {
  if (met.length === 0 && mentioned.length === 0) return [];
  const out: string[] = [];
  const sectors = bySector(met);
  const known = sectors.filter((s) => s.sector !== null).map((s) => sectorNoun(s.sector!));
  const lines: string[] = [];
  if (known.length > 1) lines.push(`The people I talked to came from ${escapeMd(joinList(known))}.`);
  sectors.forEach((group, i) => {
    const list = escapeMd(joinList(peoplePhrases(group.people)));
    const verb = MET_VERBS[i % MET_VERBS.length]!;
    if (sectors.length === 1) lines.push(`I talked to ${list}.`);
    else if (group.sector) lines.push(`From ${escapeMd(sectorNoun(group.sector))}, ${verb} ${list}.`);
    else lines.push(`I also talked to ${list}.`);
  });
  if (mentioned.length > 0) {
    lines.push(`${capitalise(escapeMd(joinList(mentioned.map((p) => ctx.ref(p.id)!.full))))} came up in conversation too.`);
  }
  out.push('## Who I met', lines.join(' '));
  return out;
}

/** Private conversation notes, only when the user asked for them (speakers' included). */
function notesBlock(ctx: ComposeContext): string[] {
  if (!ctx.options.includeNotes) return [];
  const noted = ctx.input.people.filter((p) => clean(p.notes));
  if (noted.length === 0) return [];
  return ['From my notes:', noted.map((p) => `- ${escapeMd(capitalise(ctx.ref(p.id)!.short))}: ${ctx.text(p.notes)}`).join('\n')];
}

function topicSection(ctx: ComposeContext, nonSpeakers: ComposePerson[]): string[] {
  const lines: string[] = [];
  const topics = ctx.input.topics.map((t) => ctx.text(t)).filter(Boolean);
  if (topics.length > 0) {
    lines.push(topics.length === 1 ? `The conversation kept coming back to ${topics[0]}.` : `We talked about ${joinList(topics)}.`);
  }
  nonSpeakers
    .filter((p) => p.topics.some((t) => clean(t)))
    .forEach((p, i) => {
      const who = escapeMd(capitalise(ctx.ref(p.id)!.short));
      lines.push(`${who} ${CARED_VERBS[i % CARED_VERBS.length]} ${joinList(p.topics.map((t) => ctx.text(t)).filter(Boolean))}.`);
    });
  return lines.length > 0 ? ['## What we talked about', lines.join(' ')] : [];
}

/** A fact with its credit, unless the fact already names whom it came from. */
export function factLine(ctx: ComposeContext, text: string, personId: string | null, startsSentence = true): string {
  const raw = ctx.text(text).replace(/\.$/, '');
  const fact = startsSentence ? capitalise(raw) : raw;
  const credit = ctx.ref(personId);
  if (!credit || fact.toLowerCase().includes(escapeMd(credit.short).toLowerCase())) return fact;
  return `${fact} (${escapeMd(credit.short)})`;
}

function factSection(ctx: ComposeContext): string[] {
  const facts = ctx.input.facts.filter((f) => clean(f.text));
  if (facts.length === 0) return [];
  if (facts.length === 1) return ['## What stuck with me', `One thing stuck with me: ${sentence(factLine(ctx, facts[0]!.text, facts[0]!.personId, false))}`];
  return ['## What stuck with me', 'A few things stuck with me:', facts.map((f) => `- ${sentence(factLine(ctx, f.text, f.personId))}`).join('\n')];
}

const startsWithVerb = (a: string) => ACTION_VERBS.has((clean(a).split(' ')[0] ?? '').toLowerCase());
const lowerIfVerb = (a: string) => (startsWithVerb(a) ? lowerFirstWord(a) : a);

/** True when text already refers to the person: their whole reference, or a named person's first name. */
export function mentions(text: string, ref: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(escapeMd(ref).toLowerCase())) return true;
  const first = ref.split(' ')[0] ?? '';
  return /^\p{Lu}\p{Ll}{2,}$/u.test(first) && new RegExp(`(^|[^\\p{L}])${first}([^\\p{L}]|$)`, 'u').test(text);
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
  if (dueOn) text += ` by ${shortDate(dueOn, ctx.input.postDate)}`;
  return text;
}

function followUpSection(ctx: ComposeContext): string[] {
  const items = ctx.input.followUps.filter((f) => clean(f.action));
  const open = items.filter((f) => !f.done);
  const done = items.filter((f) => f.done);
  if (items.length === 0) return [];
  const out = ['## What’s next'];
  if (open.length === 1) {
    const f = open[0]!;
    const text = actionText(ctx, f.action, f.personId, f.dueOn);
    out.push(startsWithVerb(f.action) ? `Next, I’m going to ${lowerFirstWord(text)}.` : `One thing to follow up: ${sentence(text)}`);
  } else if (open.length > 1) {
    out.push('On my list now:', open.map((f) => `- ${capitalise(actionText(ctx, f.action, f.personId, f.dueOn))}`).join('\n'));
  }
  if (done.length > 0) {
    const list = joinList(done.map((f) => lowerIfVerb(actionText(ctx, f.action, f.personId, null))));
    out.push(`Already done: ${sentence(list)}`);
  }
  return out;
}

/** The first-person narrative: opening, the talk, who I met, what we discussed, facts, follow-ups, reflection. */
export function composeNarrative(ctx: ComposeContext): string {
  const people = ctx.input.people;
  const speakers = people.filter((p) => p.relation === 'spoke');
  const met = people.filter((p) => p.relation === 'met');
  const mentioned = people.filter((p) => p.relation === 'mentioned');
  const reflection = paragraphsOf(ctx, ctx.input.event.reflection);
  const blocks = [
    opening(ctx),
    ...paragraphsOf(ctx, ctx.input.event.summary),
    ...speakerSection(ctx, speakers),
    ...metSection(ctx, met, mentioned),
    ...notesBlock(ctx),
    ...topicSection(ctx, [...met, ...mentioned]),
    ...factSection(ctx),
    ...followUpSection(ctx),
    ...(reflection.length > 0 ? ['## What I made of it', ...reflection] : []),
  ];
  return blocks.join('\n\n') + '\n';
}
