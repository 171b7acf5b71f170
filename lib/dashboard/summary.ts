/**
 * What the "Events per month" chart says to a screen reader: how many events in the twelve months, and the busiest
 * month, or the two sharing it; when more share it, none stands out and none is named. No imports: the chart is a
 * client module.
 */
export function monthsSummary(data: { label: string; value: number }[]): string {
  const total = data.reduce((s, d) => s + d.value, 0);
  if (total === 0) return 'No events in the last 12 months.';
  const max = Math.max(...data.map((d) => d.value));
  const top = data.filter((d) => d.value === max);
  const busiest =
    top.length === 1
      ? `; the busiest month was ${top[0]!.label} with ${max}`
      : top.length === 2
        ? `; the busiest were ${top[0]!.label} and ${top[1]!.label}, with ${max} each`
        : '';
  return `${total} event${total === 1 ? '' : 's'} in the last 12 months${busiest}.`;
}
