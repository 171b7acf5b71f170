import { alikePairs } from './alike';

/**
 * The sentence that says which names were merged into an organisation, as what they are: other names it goes by
 * ("Also known as “HMRC”"), and misspellings a letter apart ("misspelt “Cabinet Ofice”"), which are kept only so
 * that typing one again finds it, not as names it has. Pure.
 */
export function mergedNamesWords(name: string, aliases: string[]): string {
  if (!aliases.length) return '';
  const quoted = (xs: string[]) => xs.map((a) => `“${a}”`).join(', ');
  const slips = aliases.filter((a) => alikePairs([name, a])[0]?.reason === 'spelling');
  const names = aliases.filter((a) => !slips.includes(a));
  const parts = [names.length ? `Also known as ${quoted(names)}` : '', slips.length ? `${names.length ? 'misspelt' : 'Misspelt'} ${quoted(slips)}` : ''];
  return `${parts.filter(Boolean).join('; ')} (merged into it): typed again, ${aliases.length === 1 ? 'it means' : 'they mean'} ${name}.`;
}
