import type { ComposeContext } from './context';
import { capitalise, clean, escapeMd, longDate, ordinal, partOfDay, sentence, shortDate } from './english';
import { factLine, mentions, mentionsRole, paragraphsOf } from './narrative';
import { sectorNoun } from './people-phrases';

/** The bullet summary: the facts of the evening as short lists under headings, only those with content. */
export function composeSummary(ctx: ComposeContext): string {
  const { event, people, facts, followUps, topics, seriesCount, postDate } = ctx.input;
  const details = [
    `- **When:** ${longDate(event.localDate)}, ${partOfDay(event.localHour)}`,
    event.venue && clean(event.venue) ? `- **Where:** ${ctx.text(event.venue)}` : '',
    event.host && clean(event.host) ? `- **Hosted by:** ${ctx.text(event.host)}` : '',
    event.series && clean(event.series)
      ? `- **Series:** ${ctx.text(event.series)}${seriesCount >= 1 ? ` (my ${ordinal(Math.max(1, seriesCount))})` : ''}`
      : '',
  ].filter(Boolean);
  const blocks: string[] = [details.join('\n'), ...paragraphsOf(ctx, event.summary)];

  if (people.length > 0) {
    const lines = people.map((p) => {
      const ref = ctx.ref(p.id)!;
      const tags = [
        p.relation === 'spoke' ? 'speaker' : p.relation === 'mentioned' ? 'mentioned' : '',
        clean(p.sector) ? sectorNoun(p.sector!) : '',
      ].filter(Boolean);
      const cared = p.topics.map((t) => ctx.text(t)).filter(Boolean);
      let line = `- ${escapeMd(capitalise(ref.full))}`;
      if (tags.length) line += ` (${escapeMd(tags.join(', '))})`;
      if (cared.length) line += `: ${cared.join(', ')}`;
      if (ctx.options.includeNotes && clean(p.notes)) line += ` — ${ctx.text(p.notes)}`;
      return line;
    });
    blocks.push('## People', lines.join('\n'));
  }
  const topicList = topics.map((t) => ctx.text(t)).filter(Boolean);
  if (topicList.length > 0) blocks.push('## Topics', topicList.map((t) => `- ${t}`).join('\n'));

  const factList = facts.filter((f) => clean(f.text));
  if (factList.length > 0) {
    const lines = factList.map((f) => {
      return `- ${sentence(factLine(ctx, f.text, f.personId))}`;
    });
    blocks.push('## Facts and figures', lines.join('\n'));
  }

  const actions = followUps.filter((f) => clean(f.action));
  if (actions.length > 0) {
    const lines = actions.map((f) => {
      const who = ctx.ref(f.personId);
      const extras = [
        who && !mentions(ctx.text(f.action), who.short) && !mentionsRole(ctx, ctx.text(f.action), f.personId) ? `with ${escapeMd(who.short)}` : '',
        f.dueOn && !f.done ? `by ${shortDate(f.dueOn, postDate)}` : '',
        f.done ? 'done' : '',
      ].filter(Boolean);
      return `- ${capitalise(ctx.text(f.action))}${extras.length ? ` (${extras.join(', ')})` : ''}`;
    });
    blocks.push('## Follow-ups', lines.join('\n'));
  }

  const reflection = paragraphsOf(ctx, event.reflection);
  if (reflection.length > 0) blocks.push('## Reflection', ...reflection);
  return blocks.join('\n\n') + '\n';
}
