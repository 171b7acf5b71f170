import type { ComposeContext } from './context';
import type { Draft } from './draft';
import { capitalise, escapeMd, firstName, joinList, sentence } from './english';
import { startsWithName, topicPhrase } from './topics';
import type { ComposeFact, ComposePerson, DraftSource } from './types';

/** Helpers the narrative shares: sources, topic lists, subjects, and facts told with whoever gave them. */

export const personSource = (ctx: ComposeContext, p: ComposePerson): DraftSource => ({ kind: 'person', label: capitalise(ctx.ref(p.id)!.full) });
export const topicSource = (ctx: ComposeContext, label: string): DraftSource => ({ kind: 'topic', label: ctx.plain(label) });

/** Topic labels as a person would say them, each once, in a list. */
export function topicList(ctx: ComposeContext, labels: string[]): string {
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const label of labels) {
    const text = ctx.text(label);
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    phrases.push(topicPhrase(text, ctx.proper).text);
  }
  return joinList(phrases);
}

/** A name in subject position: an appositive ("Ann Lee, director at X") is closed with a comma before the verb. */
export function subject(ref: string): string {
  const s = escapeMd(capitalise(ref));
  return s.includes(', ') ? `${s},` : s;
}

const hasNumber = (t: string) => /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|half|third|quarter|dozen|hundred|thousand|million|billion)\b/i.test(t);
// A fact that is a whole clause can follow "that"; a fragment is safer after a colon.
const isClause = (t: string) =>
  /\b(is|are|was|were|has|have|had|will|can|could|would|should|run|runs|ran|take|takes|took|share|shares|rose|fell|grew|doubled|use|uses|used|trust|trusts|publish|publishes|spend|spends|said|says|\p{Ll}+ed)\b/u.test(
    t,
  );

/** Lower-cases a sentence's first word for use mid-sentence, unless it is a name or acronym. */
function midSentence(ctx: ComposeContext, t: string): string {
  const first = t.split(' ')[0] ?? '';
  // "A third of laptops…" reads "told me that a third…": the article "A" is a word to lower too (not "I"), when the
  // word after it is not capitalised ("A Level Playing Field", a title, stays; "A-level" is a word of its own).
  const article = first === 'A' && /^A [\p{Ll}\d]/u.test(t);
  if (ctx.proper.has(first) || startsWithName(t, ctx.proper) || !(article || /^\p{Lu}\p{Ll}+$/u.test(first))) return t;
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** A later, friendlier mention: a named person's first name, else how they are referred to. */
function later(ctx: ComposeContext, p: ComposePerson): string {
  const ref = ctx.ref(p.id)!;
  return escapeMd(ref.named ? firstName(ref.short) || ref.short : ref.short);
}

/**
 * The facts a person gave, told inline with them, the way a writer varies it: "The figure that stayed with
 * me: …", "According to Priya, …", "Priya also pointed out that …". `introduced` says whether the sentence
 * before already named the person.
 */
const STAYED = ['The {k} that stayed with me', 'One {k} stood out', 'The {k} I wrote down'];

export function tellFacts(ctx: ComposeContext, draft: Draft, who: ComposePerson | null, facts: ComposeFact[], introduced: boolean, spoke: boolean, turn = 0) {
  facts.forEach((f, i) => {
    const raw = ctx.text(f.text).replace(/\.$/, '');
    const lower = midSentence(ctx, raw);
    const from: DraftSource[] = [{ kind: 'fact', label: ctx.plain(f.text) }];
    const kind = hasNumber(raw) ? 'figure' : 'point';
    if (!who) {
      draft.say(i === 0 ? `One thing I heard stuck with me: ${sentence(lower)}` : `I also heard that ${sentence(lower)}`, from);
      return;
    }
    from.push(personSource(ctx, who));
    const name = later(ctx, who);
    const Name = capitalise(name);
    const already = raw.toLowerCase().includes(escapeMd(ctx.ref(who.id)!.short).toLowerCase());
    const clause = isClause(raw) && !already;
    let text: string;
    if (already) text = sentence(capitalise(raw));
    else if (i === 0 && introduced) text = `${STAYED[turn % STAYED.length]!.replace('{k}', kind)}: ${sentence(lower)}`;
    else if (i === 0)
      text = clause ? `${Name} ${spoke ? 'made the point' : 'told me'} that ${sentence(lower)}` : `From ${name}, one ${kind} stuck with me: ${sentence(lower)}`;
    else if (i % 2 === 1) text = clause ? `According to ${name}, ${sentence(lower)}` : `Another ${kind} from ${name}: ${sentence(lower)}`;
    else text = clause ? `${Name} also pointed out that ${sentence(lower)}` : `${Name} added one more: ${sentence(lower)}`;
    draft.say(text, from);
  });
}
