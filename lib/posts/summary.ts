import type { ComposeContext } from './context';
import { capitalise, clean, contentWords, escapeMd, writtenDate, ordinal, partOfDay, sentence, writtenShortDate } from './english';
import { eveningName } from './opening';
import { factLine, mentions, mentionsRole, paragraphsOf } from './narrative';
import { sectorNoun } from './people-phrases';

/** The bullet summary: the facts of the evening as short lists under headings, only those with content. */
export function composeSummary(ctx: ComposeContext): string {
  const { event, people, facts, followUps, topics, seriesCount, postDate } = ctx.input;
  const spelling = ctx.writing.spelling;
  // The host is said only when it adds words the title and series have not ("Guildhall Forum series").
  const said = new Set(contentWords(`${clean(event.title)} ${clean(event.series)}`));
  const hostAdds = contentWords(clean(event.host)).some((w) => !said.has(w));
  const name = eveningName(ctx);
  const details = [
    `- **When:** ${writtenDate(event.localDate, spelling)}, ${partOfDay(event.localHour)}`,
    event.venue && clean(event.venue) ? `- **Where:** ${ctx.text(event.venue)}` : '',
    event.host && clean(event.host) && hostAdds ? `- **Hosted by:** ${ctx.text(event.host)}` : '',
    event.series && clean(event.series) ? `- **Series:** ${ctx.text(event.series)}${seriesCount >= 2 ? ` (my ${ordinal(seriesCount)})` : ''}` : '',
    // The event's summary as material, not pasted: what the evening was, in the composer's words.
    name.material.length ? `- **About:** ${name.material.join(' ')}` : '',
  ].filter(Boolean);
  const heading = (h: string) => (ctx.writing.headings ? `## ${h}` : `**${h}**`);
  const blocks: string[] = [details.join('\n')];

  if (people.length > 0) {
    const lines = people.map((p) => {
      const ref = ctx.ref(p.id)!;
      const tags = [p.relation === 'spoke' ? 'speaker' : p.relation === 'mentioned' ? 'mentioned' : '', clean(p.sector) ? sectorNoun(p.sector!) : ''].filter(
        Boolean,
      );
      const cared = p.topics.map((t) => ctx.text(t)).filter(Boolean);
      let line = `- ${escapeMd(capitalise(ref.full))}`;
      if (tags.length) line += ` (${escapeMd(tags.join(', '))})`;
      if (cared.length) line += `: ${cared.join(', ')}`;
      if (ctx.options.includeNotes && clean(p.notes)) line += ` — ${ctx.text(p.notes)}`;
      return line;
    });
    blocks.push(heading('People'), lines.join('\n'));
  }
  const topicList = topics.map((t) => ctx.text(t)).filter(Boolean);
  if (topicList.length > 0) blocks.push(heading('Topics'), topicList.map((t) => `- ${t}`).join('\n'));

  const factList = facts.filter((f) => clean(f.text));
  if (factList.length > 0) {
    const lines = factList.map((f) => {
      return `- ${sentence(factLine(ctx, f.text, f.personId))}`;
    });
    blocks.push(heading('Facts and figures'), lines.join('\n'));
  }

  // The user's private to-do list: in the summary only when they ask for it, as in the narrative.
  const actions = ctx.options.includeFollowUps ? followUps.filter((f) => clean(f.action)) : [];
  if (actions.length > 0) {
    const lines = actions.map((f) => {
      const who = ctx.ref(f.personId);
      const extras = [
        who && !mentions(ctx.text(f.action), who.short) && !mentionsRole(ctx, ctx.text(f.action), f.personId) ? `with ${escapeMd(who.short)}` : '',
        f.dueOn && !f.done ? `by ${writtenShortDate(f.dueOn, postDate, spelling)}` : '',
        f.done ? 'done' : '',
      ].filter(Boolean);
      return `- ${capitalise(ctx.text(f.action))}${extras.length ? ` (${extras.join(', ')})` : ''}`;
    });
    blocks.push(heading('Follow-ups'), lines.join('\n'));
  }

  const reflection = paragraphsOf(ctx, event.reflection);
  if (reflection.length > 0) blocks.push(heading('Reflection'), ...reflection);
  const signOff = ctx.text(ctx.writing.signOff);
  if (signOff) blocks.push(signOff);
  return blocks.join('\n\n') + '\n';
}
