import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';

// next-auth does not load outside Next; these requests authenticate by bearer token or feed secret, so the
// cookie session is simply absent. The database and the token check stay real.
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));
import { GET as feedRoute } from '@/app/calendar/[file]/route';
import { GET as signedInFeed } from '@/app/api/v1/calendar.ics/route';
import { GET as oneIcs } from '@/app/api/v1/follow-ups/[id]/calendar.ics/route';
import { createApiToken } from '@/lib/api/tokens';
import {
  followUpsCalendar,
  hasWeeklyReviewInFeed,
  regenerateCalendarSecret,
  revokeCalendarSecret,
  setWeeklyReviewInFeed,
  userIdForCalendarSecret,
} from '@/lib/calendar/feed';
import { completeFollowUp, createFollowUp, deleteFollowUp } from '@/lib/follow-ups/mutations';
import { createInteraction } from '@/lib/interactions/queries';
import { patchPerson } from '@/lib/people/queries';
import { makeEvent, makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';
import { addDays, todayIn } from '@/lib/dates';

const ORIGIN = 'https://rapport.example';

/** The feed's text as a calendar reads it: folded lines joined again, so a name split across two lines is found. */
function unfolded(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

function allEvents(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

/** The follow-up entries: every feed also has its recurring weekly review (tests/unit/review-ics.test.ts). */
function events(ics: string) {
  return allEvents(ics).filter((e) => e.uid !== 'weekly-review@rapport');
}

async function userWithFollowUps() {
  const user = await createTestUser();
  const today = todayIn(user.timeZone);
  const ann = await makePerson(user.id, { role: 'CIO', name: 'Ann, "the" CIO; Leeds' });
  const open = await createFollowUp(user.id, { action: 'Send deck; slides, notes\\appendix', due: today, personId: ann.id });
  await createFollowUp(user.id, { action: 'Later', due: addDays(today, 30) });
  await createFollowUp(user.id, { action: 'No date' });
  const done = await createFollowUp(user.id, { action: 'Done already', due: today });
  await completeFollowUp(user.id, done.id);
  const gone = await createFollowUp(user.id, { action: 'Deleted', due: today });
  await deleteFollowUp(user.id, gone.id);
  return { user, today, open };
}

describe('calendar feed', () => {
  it('has one all-day event per open dated follow-up, with escaped text, a reminder and a link back', async () => {
    const { user, today, open } = await userWithFollowUps();
    const other = await createTestUser();
    await createFollowUp(other.id, { action: 'Not yours', due: today });

    const ics = await followUpsCalendar(user.id, ORIGIN);
    expect(
      allEvents(ics)
        .filter((e) => e.uid === 'weekly-review@rapport')
        .map((e) => e.summary),
    ).toEqual(['Weekly review']);
    const evs = events(ics);
    expect(evs.map((e) => e.summary).sort()).toEqual(['Later', 'Send deck; slides, notes\\appendix (Ann, "the" CIO; Leeds)']);
    const first = evs.find((e) => e.uid === `follow-up-${open.id}@rapport`)!;
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe(today);
    expect(first.description).toContain(`${ORIGIN}/follow-ups/${open.id}`);
    expect(first.description).toContain('With Ann, "the" CIO; Leeds');
    expect(first.component.getFirstSubcomponent('valarm')).not.toBeNull();
    expect(ics).toContain('Send deck\\; slides\\, notes\\\\appendix');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // Stable UIDs and stamps: the same data gives the same feed.
    expect(await followUpsCalendar(user.id, ORIGIN)).toBe(ics);
  });

  it('the private address works by its secret alone, is stored hashed, and stops working when replaced', async () => {
    const { user } = await userWithFollowUps();
    const secret = await regenerateCalendarSecret(user.id);
    expect(await userIdForCalendarSecret(secret)).toBe(user.id);

    const res = await feedRoute(new Request(`${ORIGIN}/calendar/${secret}.ics`), { params: Promise.resolve({ file: `${secret}.ics` }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    expect(events(await res.text())).toHaveLength(2);

    const replaced = await regenerateCalendarSecret(user.id);
    expect(replaced).not.toBe(secret);
    expect(await userIdForCalendarSecret(secret)).toBeNull();
    const old = await feedRoute(new Request(`${ORIGIN}/calendar/${secret}.ics`), { params: Promise.resolve({ file: `${secret}.ics` }) });
    expect(old.status).toBe(404);
    for (const file of ['nope.ics', `${replaced}`, `${replaced}.txt`, '../../etc/passwd']) {
      const r = await feedRoute(new Request(`${ORIGIN}/calendar/x`), { params: Promise.resolve({ file }) });
      expect(r.status, file).toBe(404);
    }
    await revokeCalendarSecret(user.id);
    expect(await userIdForCalendarSecret(replaced)).toBeNull();
  });

  it('the signed-in feed and the per-follow-up download never show another user’s data', async () => {
    const { user, open } = await userWithFollowUps();
    const other = await createTestUser();
    const { token } = await createApiToken(other.id, 'test');
    const auth = { headers: { Authorization: `Bearer ${token}` } };

    const feed = await signedInFeed(new Request(`${ORIGIN}/api/v1/calendar.ics`, auth), { params: Promise.resolve({}) });
    expect(feed.status).toBe(200);
    expect(events(await feed.text())).toHaveLength(0);

    const theirs = await oneIcs(new Request(`${ORIGIN}/api/v1/follow-ups/${open.id}/calendar.ics`, auth), {
      params: Promise.resolve({ id: open.id }),
    });
    expect(theirs.status).toBe(404);

    const mine = await createApiToken(user.id, 'test');
    const own = await oneIcs(new Request(`${ORIGIN}/api/v1/follow-ups/${open.id}/calendar.ics`, { headers: { Authorization: `Bearer ${mine.token}` } }), {
      params: Promise.resolve({ id: open.id }),
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toContain('attachment');
    expect(events(await own.text())).toHaveLength(1);
  });

  it('has a weekly review entry in the user’s time zone unless turned off, and turning it off is the user’s own', async () => {
    const { user } = await userWithFollowUps();
    const other = await createTestUser();
    const review = (ics: string) => allEvents(ics).filter((e) => e.uid === 'weekly-review@rapport');
    expect(await hasWeeklyReviewInFeed(user.id)).toBe(true);
    const [entry] = review(await followUpsCalendar(user.id, ORIGIN));
    expect(entry!.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(user.timeZone);
    await setWeeklyReviewInFeed(user.id, false);
    expect(review(await followUpsCalendar(user.id, ORIGIN))).toEqual([]);
    expect(events(await followUpsCalendar(user.id, ORIGIN))).toHaveLength(2);
    expect(review(await followUpsCalendar(other.id, ORIGIN))).toHaveLength(1);
    await setWeeklyReviewInFeed(user.id, true);
    expect(review(await followUpsCalendar(user.id, ORIGIN))).toHaveLength(1);
  });

  it('puts each person due a contact in the feed, once, on their due day, under a UID that follows them', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const kim = await makePerson(user.id, { name: 'Kim Baptiste' });
    const never = await makePerson(user.id, { name: 'No Cadence' });
    await patchPerson(user.id, kim.id, { keepInTouch: { unit: 'days', every: 10 }, version: kim.version });
    await createInteraction(user.id, { personId: kim.id, kind: 'call', occurredOn: addDays(today, -3), note: null });
    await createInteraction(user.id, { personId: never.id, kind: 'call', occurredOn: addDays(today, -3), note: null });
    const first = allEvents(await followUpsCalendar(user.id, ORIGIN)).filter((e) => e.uid.startsWith('keep-in-touch-'));
    expect(first.map((e) => [e.uid, e.summary, e.startDate.toString()])).toEqual([
      [`keep-in-touch-${kim.id}@rapport`, 'Get back in touch: Kim Baptiste', addDays(today, 7)],
    ]);
    // A new contact moves the one entry rather than adding another.
    await createInteraction(user.id, { personId: kim.id, kind: 'coffee', occurredOn: today, note: null });
    const second = allEvents(await followUpsCalendar(user.id, ORIGIN)).filter((e) => e.uid.startsWith('keep-in-touch-'));
    expect(second.map((e) => [e.uid, e.startDate.toString()])).toEqual([[`keep-in-touch-${kim.id}@rapport`, addDays(today, 10)]]);
    // Another user's feed never holds Kim.
    const other = await createTestUser();
    expect(await followUpsCalendar(other.id, ORIGIN)).not.toContain('Kim Baptiste');
  });

  it('never names someone who asked not to be named in public, anywhere in the feed or a download, and still names others', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const acme = await makeOrganisation(user.id, 'Acme Holdings');
    const raj = await makePerson(user.id, {
      name: 'Raj Patel',
      role: 'Head of M&A',
      organisationId: acme.id,
      email: 'raj.patel@acme.example',
      keepPrivate: true,
    });
    const quiet = await makePerson(user.id, { name: 'Quinn Marlowe', keepPrivate: true });
    const ann = await makePerson(user.id, { name: 'Ann Smith', role: 'CIO' });
    const lunch = await makeEvent(user.id, { title: 'Lunch with RAJ PATEL' });
    const call = await createFollowUp(user.id, { action: 'Call Raj about the acquisition; email raj.patel@acme.example', due: today, personId: raj.id });
    await createFollowUp(user.id, { action: 'Thank raj patel for lunch', due: today, eventId: lunch.id });
    await createFollowUp(user.id, { action: 'Introduce Quinn Marlowe to Ann', due: today, personId: ann.id });
    await createFollowUp(user.id, { action: 'Send Ann Smith the deck', due: today, personId: ann.id });
    for (const person of [raj, quiet, ann]) {
      await patchPerson(user.id, person.id, { keepInTouch: { unit: 'days', every: 10 }, version: person.version });
      await createInteraction(user.id, { personId: person.id, kind: 'call', occurredOn: addDays(today, -3), note: null });
    }

    const secret = await regenerateCalendarSecret(user.id);
    const res = await feedRoute(new Request(`${ORIGIN}/calendar/${secret}.ics`), { params: Promise.resolve({ file: `${secret}.ics` }) });
    const ics = await res.text();
    const text = unfolded(ics).toLowerCase();
    for (const secretWord of ['raj', 'patel', 'quinn', 'marlowe', 'acme.example']) expect(text, secretWord).not.toContain(secretWord);

    const evs = allEvents(ics);
    const summaries = evs.map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Call Head of M&A, Acme Holdings about the acquisition; email Head of M&A, Acme Holdings (Head of M&A, Acme Holdings)',
        'Thank Head of M&A, Acme Holdings for lunch',
        'Introduce Someone I met to Ann (Ann Smith)',
        'Send Ann Smith the deck (Ann Smith)',
        'Get back in touch: Head of M&A, Acme Holdings',
        'Get back in touch: Someone I met',
        'Get back in touch: Ann Smith',
      ]),
    );
    expect(evs.find((e) => e.uid === `follow-up-${call.id}@rapport`)!.description).toContain('With Head of M&A, Acme Holdings');
    expect(unfolded(ics)).toContain('With Ann Smith');

    // The signed-in feed and the one-follow-up download are the same text, and are kept by calendars just the same.
    const { token } = await createApiToken(user.id, 'test');
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const signedIn = await signedInFeed(new Request(`${ORIGIN}/api/v1/calendar.ics`, auth), { params: Promise.resolve({}) });
    expect(unfolded(await signedIn.text()).toLowerCase()).not.toMatch(/raj|patel|quinn|marlowe/);
    const one = await oneIcs(new Request(`${ORIGIN}/api/v1/follow-ups/${call.id}/calendar.ics`, auth), { params: Promise.resolve({ id: call.id }) });
    const download = unfolded(await one.text()).toLowerCase();
    expect(download).toContain('head of m&a\\, acme holdings');
    expect(download).not.toMatch(/raj|patel/);
  });

  it('a first name typed alone on someone else’s entry is the private person’s when no one else in the book has it', async () => {
    const user = await createTestUser();
    const today = todayIn(user.timeZone);
    const raj = await makePerson(user.id, { name: 'Raj Patel', role: 'Head of M&A', keepPrivate: true });
    const ann = await makePerson(user.id, { name: 'Ann Smith', role: 'CIO' });
    await createFollowUp(user.id, { action: 'Intro Raj to Ann', due: today, personId: ann.id });
    const secret = await regenerateCalendarSecret(user.id);
    const feed = async () =>
      allEvents(await (await feedRoute(new Request(`${ORIGIN}/calendar/${secret}.ics`), { params: Promise.resolve({ file: `${secret}.ics` }) })).text()).map(
        (e) => e.summary,
      );
    expect(await feed()).toContain('Intro Head of M&A to Ann (Ann Smith)');
    // With a second Raj in the book, "Raj" names no one in particular: it stays.
    await makePerson(user.id, { name: 'Raj Singh' });
    expect(await feed()).toContain('Intro Raj to Ann (Ann Smith)');
    expect(raj.keepPrivate).toBe(true);
  });
});
