import { describe, expect, it } from 'vitest';
import { encounterRelation } from '@/db/schema';
import { RELATION_LABEL, RELATIONS } from '@/lib/events/relations';

describe('encounter relations', () => {
  it('are the values of the database enum, each with one label', () => {
    expect([...RELATIONS]).toEqual(encounterRelation.enumValues);
    expect(Object.keys(RELATION_LABEL).sort()).toEqual([...RELATIONS].sort());
    expect(new Set(Object.values(RELATION_LABEL)).size).toBe(RELATIONS.length);
  });
});
