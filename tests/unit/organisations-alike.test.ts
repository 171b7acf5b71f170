import { describe, expect, it } from 'vitest';
import { alikePairs, sameSpelling, spellingOf } from '@/lib/organisations/alike';
import { mergedNamesWords } from '@/lib/organisations/merged-names';

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

  it('reads names as people write them: "&" initials, "The", capitals, "\'s", endings, word order, brackets', () => {
    expect(alike('M&S', 'Marks & Spencer')).toEqual(['M&S | Marks & Spencer (initials)']);
    expect(alike('AT&T', 'American Telephone and Telegraph')).toEqual(['AT&T | American Telephone and Telegraph (initials)']);
    expect(alike('The BBC', 'British Broadcasting Corporation')).toEqual(['The BBC | British Broadcasting Corporation (initials)']);
    expect(alike('MINISTRY OF DEFENCE', 'MOD')).toEqual(['MINISTRY OF DEFENCE | MOD (initials)']);
    expect(alike('BANK OF ENGLAND', 'BoE')).toEqual(['BANK OF ENGLAND | BoE (initials)']);
    expect(alike("King's College London", 'KCL')).toEqual(["King's College London | KCL (initials)"]);
    expect(alike("His Majesty's Revenue and Customs", 'HMRC')).toEqual(["His Majesty's Revenue and Customs | HMRC (initials)"]);
    expect(alike('Kainos Group', 'Kainos')).toEqual(['Kainos Group | Kainos (name)']);
    expect(alike('University of Oxford', 'Oxford University')).toEqual(['University of Oxford | Oxford University (name)']);
    // Brackets that are not the initials are part of the name.
    expect(alike('Barclays (UK)', 'Barclays (US)')).toEqual([]);
    expect(alike('Siemens (UK)', 'Bosch (UK)')).toEqual([]);
    expect(alike('Siemens (UK)', 'Siemens UK')).toEqual(['Siemens (UK) | Siemens UK (name)']);
  });

  it("looks for slips only where they are slips: not a word's first letter, not in other scripts, not in sentences", () => {
    expect(alike('Harrow Council', 'Barrow Council')).toEqual([]);
    expect(alike('Camden Council', 'Hamden Council')).toEqual([]);
    expect(alike('北京大学第一医院', '北京大学第三医院')).toEqual([]);
    expect(alike('Μετρό Αθηνών Α.Ε.', 'Μετρό Αθηνν Α.Ε.')).toEqual(['Μετρό Αθηνών Α.Ε. | Μετρό Αθηνν Α.Ε. (spelling)']);
    const sentence = 'We met at the reception and talked about the budget for next year, the new office, the hiring plans and the conference in Manchester';
    expect(alike(sentence, sentence.replace('budget', 'budgte'))).toEqual([]);
    // Names with nothing to compare are never paired, and nothing breaks on them.
    expect(pairs(['', '...', '🙂', '🙂🙂', '(', 'ﷺ'.repeat(300)])).toEqual([]);
  });

  it("one organisation's page finds the pairs the list finds for it", () => {
    const names = [
      'Cabinet Office',
      'Cabinet Ofice',
      'Cabinet Offcie',
      'Cabniet Office',
      'Leeds City Council',
      'Leeds Ctiy Council',
      'Harrow Council',
      'Barrow Council',
      'HMRC',
      'HM Revenue & Customs',
      'Department for Transport',
      'Department for Transprt',
      'Department for Transports',
      'Channel 4 Television',
      'Channel 5 Television',
    ];
    const all = alikePairs(names);
    names.forEach((_, focus) => {
      const mine = all.filter((p) => p.a === focus || p.b === focus);
      expect(alikePairs(names, focus).filter((p) => p.a === focus || p.b === focus)).toEqual(mine);
    });
    // Past 3,000 names the list leaves slips out; the page of one still finds its own.
    const many = [...Array.from({ length: 3000 }, (_, i) => `Organisation number ${i}`), 'Cabinet Office', 'Cabinet Ofice'];
    expect(alikePairs(many).filter((p) => p.reason === 'spelling')).toEqual([]);
    expect(alikePairs(many, 3000).filter((p) => p.reason === 'spelling')).toEqual([{ a: 3000, b: 3001, reason: 'spelling' }]);
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
    const many = Array.from({ length: 2500 }, (_, i) => `Organisation number ${i} of the region`);
    // Numbers a digit apart are different organisations; a word a letter apart is a slip.
    expect(alikePairs([...many, 'Organisation numbr 17 of the region'])).toEqual([{ a: 17, b: 2500, reason: 'spelling' }]);
  });

  it('sameSpelling: one name written two ways, and not names merely alike, nor two legal forms', () => {
    const same = (x: string, y: string) => sameSpelling(spellingOf(x), spellingOf(y));
    // Initials written with dots are the initials; single letters apart are not joined into one.
    expect(same('H.M. Treasury Ltd', 'HM Treasury')).toBe(true);
    expect(same('B.B.C.', 'BBC')).toBe(true);
    expect(same('J. Smith Consulting', 'J Smith Consulting')).toBe(true);
    expect(same('A.B. Foods', 'AB Foods')).toBe(true);
    expect(same('A B Foods', 'AB Foods')).toBe(false);
    expect(same('HM Revenue & Customs', 'HM Revenue and Customs')).toBe(true);
    expect(same('The Cabinet Office', 'cabinet office')).toBe(true);
    expect(same('Acme Ltd', 'ACME Limited')).toBe(true);
    expect(same('Acme Ltd', 'Acme')).toBe(true);
    expect(same('Globex Corporation', 'Globex Corp.')).toBe(true);
    expect(same("McDonald's", 'McDonalds')).toBe(true);
    expect(same('Société Générale', 'Societe Generale')).toBe(true);
    expect(same('Marks & Spencer plc', 'Marks and Spencer')).toBe(true);
    // Two legal forms are two companies, as may be two that differ only in a symbol or a letter of another script.
    expect(same('Acme Ltd', 'Acme Inc')).toBe(false);
    expect(same('Standard Bank SA', 'Standard Bank')).toBe(false);
    expect(same('C# Corp', 'C Corp')).toBe(false);
    expect(same('C++ Guild', 'C Guild')).toBe(false);
    expect(same('काम फाउंडेशन', 'कीम फाउंडेशन')).toBe(false);
    expect(same('สมาคม', 'สมาคมิ')).toBe(false);
    expect(same('Мой офис', 'Мои офис')).toBe(false);
    expect(same('Мой офис', 'мой  офис')).toBe(true);
    // Alike, but not the same name: /organisations asks about these.
    expect(same('Department of Education', 'Department for Education')).toBe(false);
    expect(same('University of Oxford', 'Oxford University')).toBe(false);
    expect(same('Kainos Group', 'Kainos')).toBe(false);
    expect(same('Barclays (UK)', 'Barclays (US)')).toBe(false);
    expect(same('HMRC', 'HM Revenue & Customs')).toBe(false);
    // A name that is only its legal form, or "The", keeps it: it is the whole name. No letters, no spelling.
    expect(spellingOf('The')).toEqual({ base: 'the', form: '' });
    expect(spellingOf('Ltd')).toEqual({ base: 'ltd', form: '' });
    expect(same('—', '–')).toBe(false);
  });

  it('names merged into an organisation are said as other names or as misspellings', () => {
    expect(mergedNamesWords('HM Revenue & Customs', ['HMRC'])).toBe('Also known as “HMRC” (merged into it): typed again, it means HM Revenue & Customs.');
    expect(mergedNamesWords('Cabinet Office', ['Cabinet Ofice'])).toBe('Misspelt “Cabinet Ofice” (merged into it): typed again, it means Cabinet Office.');
    expect(mergedNamesWords('Cabinet Office', ['CO', 'Cabinet Ofice', 'Cabniet Office'])).toBe(
      'Also known as “CO”; misspelt “Cabinet Ofice”, “Cabniet Office” (merged into it): typed again, they mean Cabinet Office.',
    );
    expect(mergedNamesWords('Cabinet Office', [])).toBe('');
  });
});
