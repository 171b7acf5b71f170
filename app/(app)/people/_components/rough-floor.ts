/** A lower bound as people say it: "300+" rather than "327+", which reads as nearly exact. */
export function roughFloor(n: number): number {
  const step = n >= 100 ? 100 : n >= 10 ? 10 : 1;
  return Math.floor(n / step) * step;
}
