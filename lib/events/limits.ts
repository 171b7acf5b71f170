/** An event can be logged ahead of time ("Coming up"), but not further ahead than this. */
export const MAX_YEARS_AHEAD = 3;
export const TOO_FAR_AHEAD = `Choose a date at most ${MAX_YEARS_AHEAD} years ahead`;
