/** How long a deleted person, event, post or follow-up can be restored; after that it is removed for good. */
export const RESTORE_WINDOW_DAYS = 30;
