import { describe, expect, it } from 'vitest';
import { alikePairs } from '@/lib/organisations/alike';

/** The pairs among `names`, as "a | b (reason)", a before b as listed. */
const pairs = (names: string[]) => alikePairs(names).map((p) => `${names[p.a]} | ${names[p.b]} (${p.reason})`);
const alike = (x: string, y: string) => pairs([x, y]);

describe('organisations that may be one (alike.ts)', () => {
  it('pairs a name with its initials, however they are written', () => {
    expect(alike('HMRC', 'HM Revenue & Customs')).toEqual(['HMRC | HM Revenue & Customs (initials)']);
    expect(alike('HM Revenue and Customs', 'hmrc')).toEqual(['HM Revenue and Customs | hmrc (initials)']);
    expect(alike('Ministry of Defence', 'MoD')).toEqual(['Ministry of Defence | MoD (initials)']);
    expect(alike('DfE', 'Department for Education')).toEqual(['DfE | Department for Education (initials)']);
    expect(alike('B.B.C.', 'British Broadcasting Corporation')).toEqual(['B.B.C. | British Broadcasting Corporation (initials)']);
    expect(alike('MoD', 'Ministry of Defence (MoD)')).toEqual(['MoD | Ministry of Defence (MoD) (initials)']);
  });

  it('pairs one name written two ways: case, "The", "&", little words, a legal ending, dots', () => {
    expect(alike('The Cabinet Office', 'cabinet office')).toEqual(['The Cabinet Office | cabinet office (name)']);
    expect(alike('Acme Ltd', 'ACME Limited')).toEqual(['Acme Ltd | ACME Limited (name)']);
    expect(alike('Department of Education', 'Department for Education')).toEqual(['Department of Education | Department for Education (name)']);
    expect(alike('Marks & Spencer', 'Marks and Spencer plc')).toEqual(['Marks & Spencer | Marks and Spencer plc (name)']);
    expect(alike('BBC', 'B.B.C.')).toEqual(['BBC | B.B.C. (name)']);
    expect(alike('Société Générale', 'Societe Generale')).toEqual(['Société Générale | Societe Generale (name)']);
  });

  it('pairs a long name a letter apart, but not short codes or numbers a letter apart', () => {
    expect(alike('Cabinet Office', 'Cabinet Ofice')).toEqual(['Cabinet Office | Cabinet Ofice (spelling)']);
    expect(alike('Leeds City Council', 'Leeds Ctiy Council')).toEqual(['Leeds City Council | Leeds Ctiy Council (spelling)']);
    expect(alike('Department for Transport', 'Department for Transprt')).toEqual(['Department for Transport | Department for Transprt (spelling)']);
    expect(alike('Barclays UK', 'Barclays US')).toEqual([]);
    expect(alike('Channel 4', 'Channel 5')).toEqual([]);
    expect(alike('Ofcom', 'Ofgem')).toEqual([]);
    expect(alike('Kent County Council', 'Kent City Council')).toEqual([]);
  });

  it('does not pair different organisations that merely share a word or two full names that share initials', () => {
    expect(alike('BBC', 'BBC News')).toEqual([]);
    expect(alike('NHS England', 'NHS Digital')).toEqual([]);
    expect(alike('Department for Work and Pensions', 'Digital Workplace Partners')).toEqual([]);
    expect(alike('Acme', 'Alpha Centauri Mining Enterprises')).toEqual([]);
    expect(alike('Google', 'Googel')).toEqual([]);
  });

  it('answers each pair once, with its strongest reason, and no pair of a name with itself', () => {
    expect(pairs(['DWP', 'Department for Work and Pensions', 'Department for Work & Pensions', 'DWP'])).toEqual([
      'DWP | Department for Work and Pensions (initials)',
      'DWP | Department for Work & Pensions (initials)',
      'DWP | DWP (name)',
      'Department for Work and Pensions | Department for Work & Pensions (name)',
      'Department for Work and Pensions | DWP (initials)',
      'Department for Work & Pensions | DWP (initials)',
    ]);
  });

  it('does not pair a crowd that shares a common key, nor names whose numbers differ, among thousands', () => {
    // Forty councils called "CC" by their initials are not forty times forty duplicates.
    const letter = (n: number) => String.fromCharCode(97 + (n % 26));
    const crowd = Array.from({ length: 40 }, (_, i) => `C${letter(i)}rr${letter(i * 7 + 3)}ll${letter(Math.floor(i / 26))}ton Council`);
    expect(alike(crowd[0]!, 'CC')).toEqual([`${crowd[0]} | CC (initials)`]);
    expect(pairs([...crowd, 'CC']).filter((p) => p.includes('(initials)'))).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i) => `Organisation number ${i} of the region`);
    // Numbers a digit apart are different organisations; a word a letter apart is a slip.
    expect(alikePairs([...many, 'Organisation numbr 17 of the region'])).toEqual([{ a: 17, b: 5000, reason: 'spelling' }]);
  });
});
