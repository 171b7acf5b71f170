/**
 * Gives focus to what `find` answers whenever focus falls to the page (the element it was on was removed) during the
 * next `ms`: a row that moves on the server's answer (a follow-up ticked into "Recently done", or put back by Undo) is
 * drawn again a frame or more later, so one try on the next frame could land on the copy about to go.
 */
function refocusWhileSettling(find: () => HTMLElement | null | undefined, ms = 1500): void {
  // One at a time: a second row ticked within the moment takes over from the first, which would otherwise put focus
  // back on the row the user had left. And the user's own next click or key ends it: focus is theirs again.
  const mine = ++settling;
  const stop = () => {
    if (settling === mine) settling++;
  };
  window.addEventListener('pointerdown', stop, { once: true, capture: true });
  window.addEventListener('keydown', stop, { once: true, capture: true });
  const until = performance.now() + ms;
  const step = () => {
    if (settling !== mine) return;
    const now = document.activeElement;
    if (!now || now === document.body) find()?.focus();
    if (performance.now() < until) requestAnimationFrame(step);
    else stop();
  };
  requestAnimationFrame(step);
}

/** Which refocusWhileSettling is running: any other has stopped. */
let settling = 0;

/**
 * For a list row about to move or go (ticked, snoozed, deleted): a function that, called once it has, keeps focus in
 * the list rather than letting it fall to the top of the page, for a keyboard or screen reader user. Focus stays where
 * the user was: on the nearest other `selector` on the page as it was when this was called, the next one first (the
 * row after it, or the first of the next group when it was its group's last: "Today" on the dashboard, with one
 * follow-up; `selector` leaves out rows already done). Following the row (`own`, where it is drawn now) into "Recently
 * done" scrolled a phone's page away from the list being worked through; it is where focus goes only when no other row
 * is left. The toast's Undo gives focus back to the row. Does nothing when focus was not in the row, or survived.
 */
export function keepFocusInList(row: HTMLElement | null, own: () => HTMLElement | null | undefined, selector: string): (stayed?: boolean) => void {
  if (!row?.contains(document.activeElement)) return () => {};
  const all = [...document.querySelectorAll<HTMLElement>(selector)];
  const here = all.findIndex((el) => row.contains(el));
  const others = here < 0 ? [] : [...all.slice(here + 1), ...all.slice(0, here).reverse()].filter((el) => !row.contains(el));
  const next = () => others.find((el) => el.isConnected);
  // `stayed`: the change was refused and the row is where it was: focus goes back to it, so a second Enter retries it
  // rather than ticking the next one.
  return (stayed = false) => refocusWhileSettling(() => (stayed ? (own() ?? next()) : (next() ?? own())));
}

/**
 * A toast's Undo that gives focus, once it has put things back, to what `find` answers (the row put back), if focus
 * was on the toast (its Undo, from the keyboard): the toast goes, and focus would go with it to the top of the page.
 */
export function undoKeepingFocus(undo: () => Promise<unknown>, find: () => HTMLElement | null | undefined): () => Promise<void> {
  return async () => {
    const held = !!document.activeElement?.closest('[data-toast]');
    await undo();
    if (held) refocusWhileSettling(find);
  };
}
