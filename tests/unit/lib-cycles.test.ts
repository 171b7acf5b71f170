import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without types
import { twoWayPairs } from '../../scripts/lib-cycles.mjs';

/*
 * Feature folders of lib/ that import each other both ways, as they stand. A new pair fails this test: put the
 * function both need where it belongs (the folder that owns the rule, or the foundation) instead. When a pair goes,
 * take it off the list, so it cannot come back unnoticed.
 */
const KNOWN: string[] = [
  'backup <-> import', // the import runner restores a backup file; a restore takes the import lock
  'organisations <-> people', // organisations name people (displayName, merged notes); people find-or-create organisations
  'people <-> sectors', // a person's sector must be the user's (sectors/own); the sector list counts people
  'people <-> topics', // a person's topics are upserted by topics; a topic's page names its people
  'posts <-> settings', // writing settings learn the user's habits from posts; a draft reads the writing settings
];

describe('two-way imports between lib/ feature folders (scripts/lib-cycles.mjs)', () => {
  it('finds no new pair, and every known pair still exists', () => {
    const pairs: string[] = twoWayPairs();
    expect(
      pairs.filter((p) => !KNOWN.includes(p)),
      'new two-way imports',
    ).toEqual([]);
    expect(
      KNOWN.filter((p) => !pairs.includes(p)),
      'gone: take them off KNOWN',
    ).toEqual([]);
  });
});
