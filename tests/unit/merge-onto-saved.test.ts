import { describe, expect, it } from 'vitest';
import { afterAnswer, mergeOntoSaved, sameValue } from '@/lib/forms';

/* After a conflict an edit form keeps what the user changed and takes the saved copy everywhere else. */
describe('mergeOntoSaved', () => {
  const fields = ['name', 'notes', 'topics'] as const;
  const base = { name: 'Pat Lee', notes: 'Met at the CIO Club', topics: 'Open data', version: '3' };

  it('takes the saved copy where the user left a field alone, and keeps the user’s changes', () => {
    const yours = { name: 'Pat Lee', notes: 'Met at the CIO Club\r\n\r\nNew phone', topics: 'Open data', version: '5' };
    const saved = { name: 'Patricia Lee', notes: 'Met at the CIO Club', topics: 'Open government data', version: '5' };
    expect(mergeOntoSaved(yours, base, saved, fields)).toEqual({
      name: 'Patricia Lee',
      notes: 'Met at the CIO Club\r\n\r\nNew phone',
      topics: 'Open government data',
      version: '5',
    });
  });

  it('keeps the user’s value where both changed a field, and reads CRLF and spacing as the same text', () => {
    const yours = { ...base, name: 'P. Lee', notes: ' Met at the CIO Club\r\n' };
    const saved = { ...base, name: 'Patricia Lee', notes: 'Met at the CIO Club, twice' };
    expect(mergeOntoSaved(yours, base, saved, fields)).toMatchObject({ name: 'P. Lee', notes: 'Met at the CIO Club, twice' });
    expect(sameValue('a\r\nb', 'a\nb ')).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
  });
});

describe('afterAnswer', () => {
  const fields = ['name', 'website'] as const;
  const asValues = (o: { name: string; website: string; version: number }) => ({ name: o.name, website: o.website, version: String(o.version) });
  const loaded = { name: 'Acme', website: '', version: '1' };

  it('after a save that stays on the page, a later conflict compares with what was saved, not with what was first loaded', () => {
    const start = { state: {}, base: loaded, merged: null, changed: [] };
    // The user renames to ACME and saves; the form stays.
    const saved = afterAnswer(start, { ok: true, values: { name: 'ACME', website: '', version: '1' } }, asValues, fields);
    // Another device renames it to ACME Corporation; this form then changes the website and meets the conflict.
    const conflict = afterAnswer(
      saved,
      { ok: false, values: { name: 'ACME', website: 'acme.example', version: '3' }, conflict: { name: 'ACME Corporation', website: '', version: 3 } },
      asValues,
      fields,
    );
    expect(conflict.merged).toEqual({ name: 'ACME Corporation', website: 'acme.example', version: '3' });
    expect(conflict.changed).toEqual(['name']);
  });
});
