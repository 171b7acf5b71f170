import { describe, expect, it } from 'vitest';
import { detailsToAdd, type PersonBefore } from '@/lib/people/add-details';
import type { PersonInput } from '@/lib/people/validation';

const before: PersonBefore = {
  name: 'Ahmed Khan',
  role: 'Head of IT',
  organisation: { name: 'HMRC' },
  sector: null,
  email: null,
  phone: '020 7946 0000',
  links: ['https://example.test/ahmed'],
  notes: 'Met at the data breakfast.',
  topics: ['cloud'],
  keepPrivate: false,
};
const typed = (fields: Partial<PersonInput>): PersonInput => ({ links: [], topics: [], keepPrivate: false, ...fields }) as PersonInput;

describe('adding what was typed to a person already known', () => {
  it('fills what they lack and never replaces what they have: a different value goes to the notes', () => {
    const out = detailsToAdd(
      before,
      typed({
        name: 'ahmed khan',
        role: 'Deputy Director',
        organisationName: 'hmrc',
        sectorId: '00000000-0000-4000-8000-000000000001',
        email: 'ahmed@hmrc.example',
        phone: '07700 900123',
        links: ['https://example.test/ahmed', 'https://example.test/talk'],
        topics: ['Cloud', 'device policy'],
        notes: 'Glasses; ex-Accenture',
        keepPrivate: true,
      }),
    );
    expect(out).toEqual({
      set: {
        email: 'ahmed@hmrc.example',
        sectorId: '00000000-0000-4000-8000-000000000001',
        links: ['https://example.test/ahmed', 'https://example.test/talk'],
        keepPrivate: true,
        notes: 'Met at the data breakfast.\n\nGlasses; ex-Accenture\n\nRole: Deputy Director\nOther phone: 07700 900123',
      },
      topics: ['cloud', 'device policy'],
    });
  });

  it('an organisation is set only where they have none; "don’t name in public" is never turned off; nothing new, nothing changed', () => {
    expect(detailsToAdd({ ...before, organisation: null }, typed({ organisationName: 'DWP' })).organisationName).toBe('DWP');
    expect(detailsToAdd(before, typed({ organisationName: 'DWP' })).set.notes).toContain('Organisation: DWP');
    expect(detailsToAdd({ ...before, keepPrivate: true }, typed({ keepPrivate: false })).set).toEqual({});
    expect(detailsToAdd(before, typed({ notes: 'met at the DATA breakfast.' })).set).toEqual({});
  });
});
