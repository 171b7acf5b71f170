import type { KeyboardEvent } from 'react';

/**
 * Arrow keys for a text box with a list of suggestion buttons below it, both inside the element handling the
 * key: Down from the box goes into the list, Up and Down move through it, Up from the first goes back to the
 * box. Returns true when it moved focus (the key is then used up).
 */
export function moveThroughSuggestions(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return false;
  const input = e.currentTarget.querySelector<HTMLInputElement>('input:not([type=hidden])');
  const options = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('ul button'));
  if (!options.length) return false;
  const at = options.indexOf(document.activeElement as HTMLButtonElement);
  const next = e.key === 'ArrowDown' ? Math.min(at + 1, options.length - 1) : at - 1;
  e.preventDefault();
  (next < 0 ? input : options[next])?.focus();
  return true;
}
