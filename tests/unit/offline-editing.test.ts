import { describe, expect, it } from 'vitest';
import { emptyDraft, emptyPerson, type EventDraft } from '@/lib/events/draft';
import { changedInForm, planOpen, sameEvent } from '@/lib/offline/editing';

const kept: EventDraft = {
  ...emptyDraft(new Date('2026-04-22T20:00:00Z')),
  key: 'evt-kept',
  title: 'Cyber breakfast',
  people: [{ ...emptyPerson(), name: 'Priya Shah', organisation: 'BBC' }],
};
const waiting = [
  { key: 'evt-kept', title: 'Cyber breakfast' },
  { key: 'evt-other', title: 'Data leaders dinner' },
];

describe('opening a waiting event in the capture form', () => {
  it('resumes the form when it already holds this event, changed or not', () => {
    expect(planOpen('evt-kept', kept, true, waiting)).toEqual({ go: 'resume' });
    expect(planOpen('evt-kept', { ...kept, title: 'Changed' }, true, waiting)).toEqual({ go: 'resume' });
  });

  it('loads the event into an empty form', () => {
    expect(planOpen('evt-kept', null, false, waiting)).toEqual({ go: 'load' });
    // A form opened and left blank (its own key, nothing typed) is not worth keeping.
    expect(planOpen('evt-kept', { ...emptyDraft(), key: 'evt-blank' }, false, waiting)).toEqual({ go: 'load' });
  });

  it('never overwrites another evening in the form, and names it when it is another waiting event', () => {
    expect(planOpen('evt-kept', { ...kept, key: 'evt-typed' }, true, waiting)).toEqual({ go: 'blocked' });
    expect(planOpen('evt-kept', { ...kept, key: 'evt-other' }, true, waiting)).toEqual({ go: 'blocked', title: 'Data leaders dinner' });
    // Even with nothing typed in it: the other waiting event is being edited there.
    expect(planOpen('evt-kept', { ...emptyDraft(), key: 'evt-other' }, false, waiting)).toEqual({ go: 'blocked', title: 'Data leaders dinner' });
  });
});

describe('sending a held event as it was', () => {
  it('asks first only when the form has changes to it that would be dropped', () => {
    const item = { key: 'evt-kept', draft: kept };
    expect(changedInForm(item, null)).toBe(false);
    expect(changedInForm(item, { ...kept, key: 'evt-other', title: 'Else' })).toBe(false);
    // Stamped again, an empty row added: nothing that would be sent differs.
    expect(changedInForm(item, { ...kept, savedAt: Date.now(), people: [...kept.people, emptyPerson()] })).toBe(false);
    expect(changedInForm(item, { ...kept, title: 'Cyber breakfast at the BBC' })).toBe(true);
    expect(changedInForm(item, { ...kept, people: [{ ...kept.people[0]!, notes: 'Moving to cloud' }] })).toBe(true);
  });

  it('compares what would be sent', () => {
    expect(sameEvent(kept, structuredClone(kept))).toBe(true);
    expect(sameEvent(kept, { ...kept, reflection: 'More' })).toBe(false);
  });
});
