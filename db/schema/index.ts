export * from './users';
export * from './contacts';
export * from './events';
export * from './follow-ups';
export * from './posts';
export * from './merges';
export * from './interactions';
export * from './imports';
