import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  captureDay,
  draftToPayload,
  emptyDraft,
  emptyPerson,
  eventToDraft,
  payloadRowUids,
  suggestedTime,
  timeForPickedDate,
  withStartTime,
} from '@/lib/events/draft';
import { eventInputSchema } from '@/lib/events/validation';
import { normaliseTopic, uniqueTopics } from '@/lib/topics/normalise';
import { addDays, wallClockIn, zonedInstant } from '@/lib/dates';

describe('topics', () => {
  it.each([
    ['Open  Data', 'open data'],
    ['  cloud ', 'cloud'],
    ['AI\tethics', 'ai ethics'],
  ])('normalises %j to %j', (input, expected) => expect(normaliseTopic(input)).toBe(expected));

  it('keeps the first spelling and drops case-insensitive repeats', () => {
    expect(uniqueTopics(['Cloud', 'cloud', ' Open data', 'OPEN  DATA', ''])).toEqual(['Cloud', 'Open data']);
  });

  it('normalising is idempotent and never leaves outer or double spaces', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normaliseTopic(s);
        expect(normaliseTopic(n)).toBe(n);
        expect(n).not.toMatch(/^\s|\s$|\s{2}/);
      }),
    );
  });
});

describe('dates', () => {
  it.each([
    ['2026-04-23', 1, '2026-04-24'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 7, '2026-04-04'], // across the clocks changing in Europe
  ])('%s + %i days = %s', (from, days, expected) => expect(addDays(from, days)).toBe(expected));

  it.each([
    ['2026-04-23', '18:30', 'Europe/London', '2026-04-23T17:30:00.000Z'], // summer time
    ['2026-01-15', '18:30', 'Europe/London', '2026-01-15T18:30:00.000Z'],
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'], // skipped by the clocks: moves on
    ['2026-10-25', '12:00', 'Australia/Sydney', '2026-10-25T01:00:00.000Z'],
    ['2026-07-04', '19:00', 'America/New_York', '2026-07-04T23:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => expect(zonedInstant(date, time, zone)?.toISOString()).toBe(iso));

  it('a wall time read back in its zone is the same wall time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'),
        (instant, zone) => {
          const { date, time } = wallClockIn(instant, zone);
          const back = zonedInstant(date, time, zone)!;
          expect(wallClockIn(back, zone)).toMatchObject({ date, time });
        },
      ),
    );
  });

  it('reads an instant in the user’s time zone', () => {
    expect(wallClockIn(new Date('2026-04-23T23:30:00Z'), 'Europe/London')).toMatchObject({ date: '2026-04-24', time: '00:30' });
    expect(wallClockIn(new Date('2026-04-23T23:30:00Z'), 'America/New_York')).toMatchObject({ date: '2026-04-23', time: '19:30' });
  });
});

describe('the capture draft', () => {
  it('is about the evening just gone: logged after midnight or over breakfast, yesterday’s; from noon, today’s', () => {
    // 00:40 in London on the 24th (23:40 UTC on the 23rd): the evening was the 23rd's.
    expect(captureDay('Europe/London', new Date('2026-04-23T23:40:00Z'))).toBe('2026-04-23');
    expect(captureDay('Europe/London', new Date('2026-04-24T08:15:00Z'))).toBe('2026-04-23');
    expect(captureDay('Europe/London', new Date('2026-04-24T11:00:00Z'))).toBe('2026-04-24');
    expect(captureDay('Europe/London', new Date('2026-04-24T22:30:00Z'))).toBe('2026-04-24');
    // The same instant in New York is still the evening of the 23rd.
    expect(captureDay('America/New_York', new Date('2026-04-24T02:00:00Z'))).toBe('2026-04-23');
    // Across a month and a year.
    expect(captureDay('UTC', new Date('2027-01-01T01:00:00Z'))).toBe('2026-12-31');
  });

  it('starts at 18:30, except today before the evening: then now, to the half hour before (a breakfast is not tonight)', () => {
    // 07:15 in London on Sunday 6 December (UTC in winter): a breakfast logged on "Today" began by 07:00.
    const breakfast = new Date('2026-12-06T07:15:00Z');
    expect(suggestedTime('2026-12-06', 'Europe/London', breakfast)).toBe('07:00');
    expect(suggestedTime('2026-12-05', 'Europe/London', breakfast)).toBe('18:30');
    expect(suggestedTime('2026-12-06', 'Europe/London', new Date('2026-12-06T14:45:00Z'))).toBe('14:30');
    // From 18:30 on, and for any other day, the evening's time.
    expect(suggestedTime('2026-12-06', 'Europe/London', new Date('2026-12-06T18:30:00Z'))).toBe('18:30');
    expect(suggestedTime('2026-12-06', 'Europe/London', new Date('2026-12-06T23:10:00Z'))).toBe('18:30');
    expect(suggestedTime('2026-12-07', 'Europe/London', breakfast)).toBe('18:30');
    // Today in the user's zone, not the server's: 07:15 UTC is 02:15 in New York, still the 6th there.
    expect(suggestedTime('2026-12-06', 'America/New_York', breakfast)).toBe('02:00');
    expect(suggestedTime('2026-12-06', 'Asia/Tokyo', breakfast)).toBe('16:00');
  });

  it('a start time the form put there follows the day picked; one the user typed stays', () => {
    const breakfast = new Date('2026-12-06T07:15:00Z');
    const at = (date: string, time: string, pick: string, openedWith = '18:30', now = breakfast) =>
      timeForPickedDate({ date, time }, pick, openedWith, 'Europe/London', now);
    // Opened over breakfast on yesterday's evening (18:30): "Today" means this morning, and back again.
    expect(at('2026-12-05', '18:30', '2026-12-06')).toBe('07:00');
    expect(at('2026-12-06', '07:00', '2026-12-05')).toBe('18:30');
    // A time the user typed is theirs, whichever day they pick.
    expect(at('2026-12-05', '12:15', '2026-12-06')).toBe('12:15');
    expect(at('2026-12-06', '08:45', '2026-12-05')).toBe('08:45');
    // Left open past the half hour: the time the form opened with is still the form's, not the user's.
    const later = new Date('2026-12-06T07:40:00Z');
    expect(at('2026-12-06', '07:00', '2026-12-05', '07:00', later)).toBe('18:30');
    expect(at('2026-12-05', '18:30', '2026-12-06', '07:00', later)).toBe('07:30');
  });

  it('drops blank people rows and turns row references into indexes the server accepts', () => {
    const draft = emptyDraft(new Date('2026-04-23T12:00:00'));
    const ada = { ...emptyPerson(), name: 'Ada', relation: 'spoke' as const };
    const blank = emptyPerson();
    const head = { ...emptyPerson(), role: 'Head of IT', organisation: 'Council' };
    draft.title = 'Evening';
    draft.people = [blank, ada, head];
    draft.insights = [
      { uid: 'i1', text: 'A fact', personUid: ada.uid },
      { uid: 'i2', text: '  ', personUid: '' },
    ];
    draft.followUps = [{ uid: 'f1', action: 'Call', personUid: head.uid, due: '2026-04-30' }];
    const payload = draftToPayload(draft);
    expect(payload.people.map((p) => p.name || p.role)).toEqual(['Ada', 'Head of IT']);
    expect(payload.insights).toEqual([{ text: 'A fact', personIndex: 0 }]);
    expect(payload.followUps[0]).toMatchObject({ action: 'Call', personIndex: 1, due: '2026-04-30' });
    expect(payloadRowUids(draft).people).toEqual([ada.uid, head.uid]);
    const parsed = eventInputSchema.safeParse(payload);
    expect(parsed.success).toBe(true);
  });

  it('sends a fact or follow-up begun without its words, to be refused beside it rather than dropped; an untouched row is not sent', () => {
    const draft = emptyDraft(new Date('2026-04-23T12:00:00'));
    const ada = { ...emptyPerson(), name: 'Ada' };
    draft.title = 'Evening';
    draft.people = [ada];
    draft.insights = [
      { uid: 'i1', text: '', personUid: ada.uid },
      { uid: 'i2', text: '', personUid: '' },
    ];
    draft.followUps = [
      { uid: 'f1', action: ' ', personUid: '', due: '2026-04-24' },
      { uid: 'f2', action: '', personUid: ada.uid, due: '' },
      { uid: 'f3', action: '', personUid: '', due: '' },
    ];
    const payload = draftToPayload(draft);
    expect(payload.insights).toEqual([{ text: '', personIndex: 0 }]);
    expect(payload.followUps.map((f) => [f.due, f.personIndex])).toEqual([
      ['2026-04-24', undefined],
      [undefined, 0],
    ]);
    expect(payloadRowUids(draft)).toMatchObject({ insights: ['i1'], followUps: ['f1', 'f2'] });
    const parsed = eventInputSchema.safeParse(payload);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['insights.0.text', 'followUps.0.action', 'followUps.1.action']));
  });

  it('a cleared time is settled once when sent or queued, so a draft sent tomorrow keeps it', () => {
    const draft = { ...emptyDraft(), title: 'Lunch talk', date: '2026-12-07', time: '' };
    const queued = withStartTime(draft, 'Europe/London', new Date('2026-12-07T14:10:00Z'));
    expect(queued.time).toBe('14:00');
    expect(draftToPayload(queued, 'Europe/London', new Date('2026-12-08T09:00:00Z')).startsAt).toBe('2026-12-07T14:00:00.000Z');
    expect(withStartTime({ ...draft, time: '19:15' }, 'Europe/London').time).toBe('19:15');
  });

  it('with the time cleared, starts when the form would suggest: an evening logged this afternoon is not tonight', () => {
    const draft = { ...emptyDraft(), title: 'Lunch talk', date: '2026-12-07', time: '' };
    const afternoon = new Date('2026-12-07T14:10:00Z');
    expect(draftToPayload(draft, 'Europe/London', afternoon).startsAt).toBe('2026-12-07T14:00:00.000Z');
    expect(draftToPayload(draft, 'Europe/London', new Date('2026-12-07T20:00:00Z')).startsAt).toBe('2026-12-07T18:30:00.000Z');
    expect(draftToPayload({ ...draft, date: '2026-12-09' }, 'Europe/London', afternoon).startsAt).toBe('2026-12-09T18:30:00.000Z');
  });

  it('an evening that ends after midnight ends the next day', () => {
    const draft = { ...emptyDraft(), title: 'Late', date: '2026-04-23', time: '22:00', endTime: '01:00' };
    const { startsAt, endsAt } = draftToPayload(draft);
    expect(new Date(endsAt!).getTime() - new Date(startsAt).getTime()).toBe(3 * 60 * 60 * 1000);
  });

  it('a saved event round-trips through the edit form, sending only what the user changed', () => {
    const person = (id: string, name: string) => ({
      id,
      name,
      role: null,
      email: null,
      organisation: null,
      sector: null,
      relation: 'met' as const,
      notes: null,
      topics: ['cloud'],
      version: 4,
    });
    const saved = {
      id: '00000000-0000-4000-8000-000000000001',
      title: 'T',
      startsAt: '2026-04-23T17:30:00.000Z',
      endsAt: null,
      venue: 'V',
      host: null,
      series: null,
      summary: null,
      reflection: 'R',
      version: 3,
      createdAt: '',
      updatedAt: '',
      topics: ['cloud'],
      people: [person('00000000-0000-4000-8000-00000000000a', 'A'), person('00000000-0000-4000-8000-00000000000b', 'B')],
      insights: [{ id: '00000000-0000-4000-8000-0000000000e1', text: 'fact', personId: '00000000-0000-4000-8000-00000000000b' }],
      followUps: [
        {
          id: '00000000-0000-4000-8000-0000000000f1',
          action: 'do',
          dueOn: '2026-05-01',
          status: 'open' as const,
          personId: '00000000-0000-4000-8000-0000000000cc',
          version: 7,
        },
      ],
    };
    const draft = eventToDraft(saved, 'Europe/London');
    const payload = draftToPayload(draft);
    expect(payload.insights).toEqual([{ id: saved.insights[0]!.id, text: 'fact', personIndex: 1 }]);
    // Known people: no details sent back (nothing was changed), only the version they were loaded at.
    expect(payload.people[0]).toMatchObject({ id: saved.people[0]!.id, version: 4, name: undefined, role: undefined, organisation: undefined });
    // An untouched follow-up is not sent, so a change made to it elsewhere meanwhile stands.
    expect(payload.followUps).toEqual([]);
    expect(payload.removeFollowUps).toEqual([]);
    expect(eventInputSchema.safeParse(payload).success).toBe(true);

    // Changed here: sent with its version, and a follow-up about someone not at the event keeps pointing at them.
    const changed = draftToPayload({
      ...draft,
      people: draft.people.map((p, i) => (i === 0 ? { ...p, role: 'CTO' } : p)),
      followUps: draft.followUps.map((f) => ({ ...f, action: 'do it now' })),
    });
    expect(changed.people[0]).toMatchObject({ role: 'CTO', name: undefined, version: 4 });
    expect(changed.followUps).toEqual([
      expect.objectContaining({ id: saved.followUps[0]!.id, version: 7, action: 'do it now', personId: '00000000-0000-4000-8000-0000000000cc' }),
    ]);
    // Removed here: said so, by id.
    expect(draftToPayload({ ...draft, followUps: [] }).removeFollowUps).toEqual([saved.followUps[0]!.id]);
  });
});
