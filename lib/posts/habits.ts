import type { WritingStyle } from './types';

const RELATIVE = /^(last night|yesterday|this (morning|afternoon|evening)|tonight|earlier today)\b/i;
const DATED =
  /^(on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,? (\d|january|february|march|april|may|june|july|august|september|october|november|december)/i;
const BRITISH = /\b(organis|realis|recognis|prioritis|emphasis|summaris|colour|favourite|programme|centre)\w*/gi;
const AMERICAN = /\b(organiz|realiz|recogniz|prioritiz|emphasiz|summariz|color|favorite|center)\w*/gi;

const paragraphs = (md: string) =>
  md
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const majority = (votes: boolean[]) => votes.filter(Boolean).length * 2 > votes.length;

/**
 * How the user writes, read from their published posts: whether they use headings, how they say when,
 * British or American spelling, and a last line they end on. Only what at least two posts agree on is taken;
 * the rest is left to the defaults.
 */
export function writingHabits(published: string[]): Partial<WritingStyle> {
  const posts = published.filter((p) => p.trim());
  if (posts.length < 2) return {};
  const habits: Partial<WritingStyle> = {};
  habits.headings = majority(posts.map((p) => /^#{1,6} /m.test(p)));

  const openings = posts.map((p) => paragraphs(p).find((para) => !para.startsWith('#')) ?? '');
  const relative = openings.filter((o) => RELATIVE.test(o)).length;
  const dated = openings.filter((o) => DATED.test(o)).length;
  if (relative >= 2 && relative > dated) habits.timeRef = 'relative';
  else if (dated >= 2 && dated > relative) habits.timeRef = 'date';

  const all = posts.join('\n');
  const british = all.match(BRITISH)?.length ?? 0;
  const american = all.match(AMERICAN)?.length ?? 0;
  if (british >= 2 && british > american) habits.spelling = 'british';
  else if (american >= 2 && american > british) habits.spelling = 'american';

  // The same short last paragraph in at least two posts is a sign-off ("Onwards, Sam").
  const lasts = posts.map((p) => paragraphs(p).at(-1) ?? '').filter((l) => l.length > 0 && l.length <= 80 && !l.startsWith('#') && !l.startsWith('-'));
  const counts = new Map<string, number>();
  for (const l of lasts) counts.set(l, (counts.get(l) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= 2) habits.signOff = best[0];
  return habits;
}
