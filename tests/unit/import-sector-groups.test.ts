import { describe, expect, it } from 'vitest';
import type { PreviewRow } from '@/lib/import/run';
import { groupSector, organisationCounts, organisationGroups, organisationsWithoutSector, withSector } from '@/lib/import/sector-groups';

const row = (line: number, org: string | null, more: Partial<PreviewRow> = {}): PreviewRow => ({
  line,
  action: 'create',
  reason: 'New',
  name: `Person ${line}`,
  organisation: org,
  role: null,
  email: null,
  topics: [],
  sector: null,
  sectorFromOrganisation: false,
  warnings: [],
  filedUnder: org ? { key: org.startsWith('Known') ? `id:${org}` : `new:${org.toLowerCase()}`, name: org } : null,
  ...more,
});

// Acme: new, no sector. Beta: new, two rows, one saying Finance in the file. Known Ltd: in the address book, filed
// under Charity. Delta: new, no sector. Nobody: a person with no organisation. Skipped: a row the import passes over.
const rows = [
  row(2, 'Acme'),
  row(3, 'Beta', { sector: 'Finance' }),
  row(4, 'Beta'),
  row(5, 'Known Ltd', { sector: 'Charity', sectorFromOrganisation: true }),
  row(6, 'Delta'),
  row(7, null),
  row(8, 'Acme'),
  row(9, 'Skipped Co', { action: 'skip' }),
];
const groups = organisationGroups(rows);

describe('the organisations of an import preview', () => {
  it('groups the rows each organisation files, with what it would be filed under', () => {
    expect(groups.map((g) => [g.name, g.lines, g.isNew, g.ownSector, g.suggested])).toEqual([
      ['Acme', [2, 8], true, null, ''],
      ['Beta', [3, 4], true, null, 'Finance'],
      ['Known Ltd', [5], false, 'Charity', 'Charity'],
      ['Delta', [6], true, null, ''],
    ]);
  });

  it('a choice for every organisation without a sector goes to those with none, chosen or suggested', () => {
    expect(organisationsWithoutSector(groups, {}).map((g) => g.name)).toEqual(['Acme', 'Delta']);
    // One the user chose for is theirs, "No sector" too; a person with no organisation is not an organisation.
    expect(organisationsWithoutSector(groups, { 6: 'Retail' }).map((g) => g.name)).toEqual(['Acme']);
    expect(organisationsWithoutSector(groups, { 2: '', 8: '' }).map((g) => g.name)).toEqual(['Delta']);
    expect(organisationsWithoutSector(groups, { 7: 'Retail' }).map((g) => g.name)).toEqual(['Acme', 'Delta']);
  });

  it('applying it, then taking it back, leaves the other choices as they were', () => {
    const chosen = { 6: 'Retail', 7: 'Media' };
    const lines = organisationsWithoutSector(groups, chosen).flatMap((g) => g.lines);
    const applied = withSector(chosen, lines, 'Finance');
    expect(applied).toEqual({ 2: 'Finance', 6: 'Retail', 7: 'Media', 8: 'Finance' });
    expect(groups.map((g) => groupSector(g, applied))).toEqual(['Finance', 'Finance', 'Charity', 'Retail']);
    expect(organisationsWithoutSector(groups, applied)).toEqual([]);
    expect(withSector(applied, lines, null)).toEqual(chosen);
    // The choices given in are not changed: React's state is replaced, never edited.
    expect(chosen).toEqual({ 6: 'Retail', 7: 'Media' });
  });

  it('sums the organisations up as they read now', () => {
    expect(organisationCounts(groups, {})).toEqual({ all: 4, new: 3, withSector: 2 });
    expect(organisationCounts(groups, { 2: 'Finance', 8: 'Finance' })).toEqual({ all: 4, new: 3, withSector: 3 });
    // "No sector" chosen for Beta: one fewer with a sector.
    expect(organisationCounts(groups, { 3: '', 4: '' })).toEqual({ all: 4, new: 3, withSector: 1 });
  });

  it('says why an organisation’s sector was guessed, only while no row of it chose that sector itself', () => {
    const guessed = { sector: 'Government', sectorGuess: 'from “Council” in the organisation’s name' };
    const [council, mixed, chosen] = organisationGroups([
      row(2, 'Hartley Council', guessed),
      row(3, 'Hartley Council', guessed),
      row(4, 'Acme', { sector: 'Government', sectorGuess: 'from the .gov.uk email' }),
      row(5, 'Acme', { sector: 'Government' }),
      row(6, 'Gamma', { sector: 'Finance' }),
    ]);
    expect([council!.suggested, council!.guessedWhy]).toEqual(['Government', 'from “Council” in the organisation’s name']);
    // One row of Acme's says Government in the file: not a guess.
    expect([mixed!.suggested, mixed!.guessedWhy]).toEqual(['Government', null]);
    expect(chosen!.guessedWhy).toBeNull();
  });
});
