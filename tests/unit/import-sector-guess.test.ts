import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '@/db/schema';
import { guessSector, workDomain } from '@/lib/import/sector-guess';

const theirs = (names: readonly string[]) => new Map(names.map((n) => [n.toLowerCase(), n]));
const all = theirs(DEFAULT_SECTORS);

describe('guessing an imported contact’s sector', () => {
  it('reads a government, NHS or university email first, then a word of the organisation’s name', () => {
    expect(guessSector('Acme', ['jo@digital.cabinet-office.gov.uk'], all)).toEqual({ sector: 'Government', why: 'from the .gov.uk email' });
    expect(guessSector(null, ['a.b@nhs.net'], all)).toEqual({ sector: 'Health', why: 'from the NHS email' });
    expect(guessSector(null, ['x@leeds.ac.uk'], all)).toEqual({ sector: 'Higher education', why: 'from the .ac.uk email' });
    expect(guessSector(null, ['x@bbc.co.uk'], all)).toEqual({ sector: 'Media', why: 'from the bbc.co.uk email' });
    expect(guessSector('Leeds City Council', ['me@gmail.com'], all)).toEqual({ sector: 'Government', why: 'from “Council” in the organisation’s name' });
    expect(guessSector('NHS Digital', [], all)?.sector).toBe('Health');
    expect(guessSector('Department for Education', [], all)?.sector).toBe('Government');
    expect(guessSector('University of Leeds', [], all)?.sector).toBe('Higher education');
    expect(guessSector('Northbank Bank', [], all)?.sector).toBe('Finance');
    expect(guessSector('Acme Software', [], all)?.sector).toBe('Technology');
  });

  it('guesses nothing from a name it has no word for, a word inside another, or a sector the user does not have', () => {
    expect(guessSector('Acme', ['jo@acme.com'], all)).toBeNull();
    expect(guessSector(null, [], all)).toBeNull();
    // "Councillor" is not "Council"; "bbc.co.uk.example.com" is not the BBC's domain; "gov.uk" must end the domain.
    expect(guessSector('Councillors Ltd', ['x@bbc.co.uk.example.com', 'y@gov.uk.evil.test'], all)).toBeNull();
    // Their sectors only, by the name they have it under.
    expect(guessSector('Leeds City Council', [], theirs(['Public sector', 'Technology']))).toBeNull();
    expect(guessSector('Leeds City Council', [], theirs(['GOVERNMENT']))).toEqual({ sector: 'GOVERNMENT', why: 'from “Council” in the organisation’s name' });
  });

  it('takes the sector of the user’s own people at a work domain first, never at a free mail one', () => {
    const known = new Map([['acme.test', 'Technology']]);
    expect(guessSector('Leeds City Council', ['bo@ACME.test'], all, known)).toEqual({ sector: 'Technology', why: 'from your other people at acme.test' });
    expect(guessSector(null, ['bo@gmail.com'], all, new Map([['gmail.com', 'Technology']]))).toBeNull();
    expect(workDomain('Jo@Example.COM')).toBe('example.com');
    expect(workDomain('jo@hotmail.co.uk')).toBeNull();
    expect(workDomain('no-at-sign')).toBeNull();
  });
});
