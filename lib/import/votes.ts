/**
 * For each key (an organisation), the choice (a sector) made most often among `votes`, ties going to the one made
 * first; votes without a key or a choice have no say. The import's rule for the sector an organisation learns from
 * its rows (lib/import/apply.ts), and the preview's for what it suggests (sector-groups.ts): one rule, so the page
 * shows what the import will do. No database here: the browser runs it too.
 */
export function mostChosen(votes: { key: string | null; choice: string | null }[]): Map<string, string> {
  const tally = new Map<string, Map<string, number>>();
  for (const { key, choice } of votes) {
    if (!key || !choice) continue;
    const counts = tally.get(key) ?? new Map<string, number>();
    counts.set(choice, (counts.get(choice) ?? 0) + 1);
    tally.set(key, counts);
  }
  // A Map keeps the order keys were first set in, and a later choice only wins with strictly more votes.
  const chosen = new Map<string, string>();
  for (const [key, counts] of tally) {
    let best: [string, number] | null = null;
    for (const [choice, n] of counts) if (!best || n > best[1]) best = [choice, n];
    chosen.set(key, best![0]);
  }
  return chosen;
}
