/**
 * Gives focus to what `find` answers whenever focus falls to the page (the element it was on was removed) during the
 * next `ms`: a row that moves on the server's answer (a follow-up ticked into "Recently done", or put back by Undo) is
 * drawn again a frame or more later, so one try on the next frame could land on the copy about to go.
 */
export function refocusWhileSettling(find: () => HTMLElement | null | undefined, ms = 1500): void {
  const until = performance.now() + ms;
  const step = () => {
    const now = document.activeElement;
    if (!now || now === document.body) find()?.focus();
    if (performance.now() < until) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

/**
 * For a list row about to move or go (ticked, snoozed, deleted): a function that, called once it has, keeps focus in
 * the list rather than letting it fall to the top of the page, for a keyboard or screen reader user. Focus goes to
 * the row's own control where it is drawn now (`own`), else to the first `selector` in the row after it or before it,
 * as they were when this was called. Does nothing when focus was not in the row, or survived the change.
 */
export function keepFocusInList(row: HTMLElement | null, own: () => HTMLElement | null | undefined, selector: string): () => void {
  if (!row?.contains(document.activeElement)) return () => {};
  const neighbours = [row.nextElementSibling, row.previousElementSibling];
  return () => refocusWhileSettling(() => own() ?? neighbours.map((n) => n?.querySelector<HTMLElement>(selector)).find((t) => t?.isConnected));
}
