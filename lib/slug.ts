/** How many characters a cut text may lose to end at a whole word. */
const BACK_OFF = 10;

/** Lower-case ASCII letters, digits and single dashes from any text, accents folded: "Zoë O’Brien" → "zoe-o-brien". */
export function slugify(text: string, maxLength: number): string {
  const whole = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (whole.length <= maxLength) return whole;
  // Longer than allowed: it ends at the last whole word ("what-i-learnt-in-december", not "…-in-decem"), if that takes
  // off at most BACK_OFF characters; a longer last word is cut where it must be. So a post's address cut from a long
  // title stays at least 50 characters, which is how the off-the-record check knows it may have been cut.
  const cut = whole.slice(0, maxLength);
  const end = whole[maxLength] === '-' ? maxLength : cut.lastIndexOf('-');
  return (end >= maxLength - BACK_OFF ? cut.slice(0, end) : cut).replace(/-+$/, '');
}
