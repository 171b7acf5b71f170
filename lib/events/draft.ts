import type { EventJson } from './queries';
import { addDays, wallClockIn, zonedInstant } from '@/lib/dates';
import type { Relation } from './relations';

/** Where drafts live on the device; sign-out clears every `rapport:` key. */
export const DRAFT_PREFIX = 'rapport:event-draft:';

/**
 * One user's draft of a new event (`scope` "new") or of an edit (the event id). The key names the user, so a
 * session that ended without a sign-out (expired, revoked, another browser's sign-out) never hands one user's
 * draft to the next person who signs in on the same device; that person's form also removes it.
 */
export function draftKey(userId: string, scope: string): string {
  return `${DRAFT_PREFIX}${userId}:${scope}`;
}

/** What the user already knows about a person they picked, shown while they write. */
export interface KnownContext {
  lastMet: { eventId: string; title: string; startsAt: string } | null;
  topics: string[];
  openFollowUps: { id: string; action: string; dueOn: string | null }[];
}

export interface PersonDraft {
  uid: string;
  id?: string;
  name: string;
  role: string;
  organisation: string;
  sector: string;
  email: string;
  relation: Relation;
  notes: string;
  topics: string[];
  newPerson?: boolean;
  known?: KnownContext;
  /** A known person's details as the form loaded them, and their version: only what differs is sent. */
  base?: PersonBase;
}

/** What the form knew of a person when it loaded them; edits are measured against it. */
export interface PersonBase {
  name: string;
  role: string;
  organisation: string;
  sector: string;
  email: string;
  version: number;
}

/** A follow-up of the event as the form loaded it. */
export interface FollowUpBase {
  action: string;
  due: string;
  personUid: string;
  personId?: string;
  version: number;
}

export interface FollowUpDraft {
  uid: string;
  id?: string;
  action: string;
  personUid: string;
  due: string;
  personId?: string;
  base?: FollowUpBase;
}

export interface EventDraft {
  /** Idempotency key: one per draft, so a double tap or a retry saves one event. */
  key: string;
  /** The version the edit started from (edits only). */
  version?: number;
  title: string;
  date: string;
  time: string;
  endTime: string;
  venue: string;
  host: string;
  series: string;
  summary: string;
  reflection: string;
  topics: string[];
  people: PersonDraft[];
  insights: { uid: string; id?: string; text: string; personUid: string }[];
  followUps: FollowUpDraft[];
  /** The follow-ups the edit started with: one of them no longer in `followUps` is one the user removed. */
  loadedFollowUpIds?: string[];
  /** The event as the edit loaded it, or as the last conflict brought it back (edits only; older drafts have none). */
  base?: EventBase;
  savedAt?: number;
}

/** The event's own fields as text, compared one by one after a conflict (and listed by the conflict notice). */
export const EVENT_TEXT = ['title', 'date', 'time', 'endTime', 'venue', 'host', 'series', 'summary', 'reflection'] as const;

/** What an edit started from: a field still equal to it is one the user left alone. */
export interface EventBase extends Pick<EventDraft, (typeof EVENT_TEXT)[number] | 'topics'> {
  /** Each known person's part in the evening, by person id. */
  people: Record<string, { relation: Relation; notes: string; topics: string[] }>;
  /** Each fact's text, by id. */
  facts: Record<string, string>;
}

export function newUid(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function emptyPerson(): PersonDraft {
  return { uid: newUid(), name: '', role: '', organisation: '', sector: '', email: '', relation: 'met', notes: '', topics: [] };
}

/**
 * The day of the evening a capture is most likely about, in a time zone (the device's when none is given): today,
 * except in the small hours and the morning, when it is yesterday's. Logged at 00:40 on the way home, or over
 * breakfast, "this evening" at 18:30 would be an evening not yet come, and everyone at it "not met yet".
 */
export function captureDay(timeZone: string | undefined, now = new Date()): string {
  const { date, hour } = wallClockIn(now, timeZone);
  return hour < 12 ? addDays(date, -1) : date;
}

/** When an evening starts, unless the user says otherwise. */
const EVENING_TIME = '18:30';

/**
 * The start time a capture suggests for a day: the evening's, except for today before the evening has come, when
 * it is now, to the half hour before. A capture is logged after attending: a breakfast logged at 07:15 on "Today"
 * was at 07:00, not tonight, when everyone at it would be "not met yet".
 */
export function suggestedTime(date: string, timeZone: string | undefined, now = new Date()): string {
  const clock = wallClockIn(now, timeZone);
  if (date !== clock.date || clock.time >= EVENING_TIME) return EVENING_TIME;
  return `${clock.time.slice(0, 3)}${clock.time.slice(3) < '30' ? '00' : '30'}`;
}

/**
 * The draft as it is sent or queued: a cleared start time becomes, once, the time the form suggests now. An evening
 * that waits offline, or is opened from the outbox tomorrow, keeps the time it was logged with; left blank,
 * draftToPayload would suggest again on each call, and tomorrow's answer is 18:30.
 */
export function withStartTime(draft: EventDraft, timeZone: string | undefined, now = new Date()): EventDraft {
  return draft.time || !draft.date ? draft : { ...draft, time: suggestedTime(draft.date, timeZone, now) };
}

/**
 * The start time after a new evening's day is picked: a time the user has not changed moves with the day
 * (suggestedTime); one they typed stays. Untouched is any time the form itself put there: the one it opened with,
 * the evening's, or what it would suggest for the day it shows now, however long the form has been open.
 */
export function timeForPickedDate(
  current: { date: string; time: string },
  date: string,
  openedWith: string,
  timeZone: string | undefined,
  now = new Date(),
): string {
  const untouched = [openedWith, EVENING_TIME, suggestedTime(current.date, timeZone, now)].includes(current.time);
  return untouched ? suggestedTime(date, timeZone, now) : current.time;
}

/** A fresh capture: the evening just gone (captureDay), nothing else. */
export function emptyDraft(now = new Date()): EventDraft {
  return {
    key: `evt-${newUid()}`,
    title: '',
    date: captureDay(undefined, now),
    time: suggestedTime(captureDay(undefined, now), undefined, now),
    endTime: '',
    venue: '',
    host: '',
    series: '',
    summary: '',
    reflection: '',
    topics: [],
    people: [emptyPerson()],
    insights: [],
    followUps: [],
  };
}

function isBlankPerson(p: PersonDraft): boolean {
  return !p.id && !p.name.trim() && !p.role.trim() && !p.organisation.trim() && !p.email.trim() && !p.notes.trim() && !p.topics.length;
}

/** A known person's row as sent: the fields the user changed since the form loaded them, and that version. */
function personChanges(p: PersonDraft) {
  const changed = (key: keyof Omit<PersonBase, 'version'>) => (!p.base || p[key].trim() !== p.base[key].trim() ? p[key] : undefined);
  return {
    name: changed('name'),
    role: changed('role'),
    organisation: changed('organisation'),
    sector: changed('sector'),
    email: changed('email'),
    version: p.base?.version,
  };
}

/** Whether the user changed a loaded follow-up (a new one has no base and is always sent). */
function followUpChanged(f: FollowUpDraft): boolean {
  if (!f.base) return true;
  return f.action.trim() !== f.base.action.trim() || f.due !== f.base.due || f.personUid !== f.base.personUid || f.personId !== f.base.personId;
}

/**
 * The JSON the server validates: empty people rows dropped, row references turned into indexes. On an edit, only
 * what the user changed of a known person or a loaded follow-up is sent (with the version it was loaded at), so
 * a save never writes back what was changed elsewhere meanwhile; a follow-up removed here is named as removed.
 */
export function draftToPayload(draft: EventDraft, timeZone?: string, now = new Date()) {
  const people = draft.people.filter((p) => !isBlankPerson(p));
  const indexOf = (uid: string) => {
    const i = people.findIndex((p) => p.uid === uid);
    return i >= 0 ? i : undefined;
  };
  // No time given: the one the form would suggest, so an evening logged today at 14:00 is not "tonight, 18:30"
  // (upcoming, and everyone at it "expected") because its time was cleared.
  const start = zonedInstant(draft.date, draft.time || suggestedTime(draft.date, timeZone, now), timeZone);
  let end: Date | null = null;
  if (start && draft.endTime) {
    end = zonedInstant(draft.date, draft.endTime, timeZone);
  }
  if (start && end) {
    if (end < start) end = new Date(end.getTime() + 24 * 60 * 60 * 1000); // ends after midnight
  }
  const valid = (d: Date | null) => (d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);
  return {
    title: draft.title,
    startsAt: valid(start) ?? '',
    endsAt: valid(end),
    venue: draft.venue,
    host: draft.host,
    series: draft.series,
    summary: draft.summary,
    reflection: draft.reflection,
    topics: draft.topics,
    people: people.map((p) => ({
      id: p.id,
      ...(p.id ? personChanges(p) : { name: p.name, role: p.role, organisation: p.organisation, sector: p.sector, email: p.email }),
      relation: p.relation,
      notes: p.notes,
      topics: p.topics,
      newPerson: p.newPerson || undefined,
    })),
    insights: sentInsights(draft).map((i) => ({ id: i.id, text: i.text, personIndex: indexOf(i.personUid) })),
    followUps: sentFollowUps(draft).map((f) => {
      const personIndex = indexOf(f.personUid);
      // A follow-up about someone who was not at this event keeps pointing at them.
      const personId = personIndex === undefined && !f.personUid ? f.personId : undefined;
      return { id: f.id, version: f.base?.version, action: f.action, due: f.due || undefined, personIndex, personId };
    }),
    removeFollowUps: (draft.loadedFollowUpIds ?? []).filter((id) => !draft.followUps.some((f) => f.id === id)),
  };
}

/**
 * The follow-ups a save sends: new ones begun (an action, a date or a person: one without an action is refused beside
 * it, not dropped), and loaded ones the user changed. A new row left untouched is not sent.
 */
function sentFollowUps(draft: EventDraft): FollowUpDraft[] {
  return draft.followUps.filter((f) => (f.id ? followUpChanged(f) : f.action.trim() || f.due || f.personUid));
}

/** The facts a save sends: those with words, and a new one given a speaker but no words yet (refused beside it). */
function sentInsights(draft: EventDraft) {
  return draft.insights.filter((i) => i.text.trim() || (!i.id && i.personUid));
}

/** Error keys of the server are indexes into the payload; the form shows them on the row they came from. */
export function payloadRowUids(draft: EventDraft) {
  return {
    people: draft.people.filter((p) => !isBlankPerson(p)).map((p) => p.uid),
    insights: sentInsights(draft).map((i) => i.uid),
    followUps: sentFollowUps(draft).map((f) => f.uid),
  };
}

/** A saved event as a draft for the edit form, in the user's time zone. */
export function eventToDraft(e: EventJson, timeZone?: string): EventDraft {
  const draft = loadedDraft(e, timeZone);
  return { ...draft, base: baseOf(draft) };
}

function baseOf(d: EventDraft): EventBase {
  const base = Object.fromEntries(EVENT_TEXT.map((k) => [k, d[k]])) as Pick<EventDraft, (typeof EVENT_TEXT)[number]>;
  return {
    ...base,
    topics: d.topics,
    people: Object.fromEntries(d.people.flatMap((p) => (p.id ? [[p.id, { relation: p.relation, notes: p.notes, topics: p.topics }]] : []))),
    facts: Object.fromEntries(d.insights.flatMap((i) => (i.id ? [[i.id, i.text]] : []))),
  };
}

function loadedDraft(e: EventJson, timeZone?: string): EventDraft {
  const start = wallClockIn(new Date(e.startsAt), timeZone);
  const uids = new Map(e.people.map((p) => [p.id, newUid()]));
  return {
    key: `evt-${newUid()}`,
    version: e.version,
    title: e.title,
    date: start.date,
    time: start.time,
    endTime: e.endsAt ? wallClockIn(new Date(e.endsAt), timeZone).time : '',
    venue: e.venue ?? '',
    host: e.host ?? '',
    series: e.series ?? '',
    summary: e.summary ?? '',
    reflection: e.reflection ?? '',
    topics: e.topics,
    people: e.people.map((p) => ({
      uid: uids.get(p.id)!,
      id: p.id,
      name: p.name ?? '',
      role: p.role ?? '',
      organisation: p.organisation?.name ?? '',
      sector: p.sector?.name ?? '',
      email: p.email ?? '',
      relation: p.relation,
      notes: p.notes ?? '',
      topics: p.topics,
      base: {
        name: p.name ?? '',
        role: p.role ?? '',
        organisation: p.organisation?.name ?? '',
        sector: p.sector?.name ?? '',
        email: p.email ?? '',
        version: p.version,
      },
    })),
    insights: e.insights.map((i) => ({ uid: newUid(), id: i.id, text: i.text, personUid: (i.personId && uids.get(i.personId)) || '' })),
    followUps: e.followUps.map((f) => {
      const loaded = {
        action: f.action,
        personUid: (f.personId && uids.get(f.personId)) || '',
        personId: f.personId && !uids.has(f.personId) ? f.personId : undefined,
        due: f.dueOn ?? '',
      };
      return { uid: newUid(), id: f.id, ...loaded, base: { ...loaded, version: f.version } };
    }),
    loadedFollowUpIds: e.followUps.map((f) => f.id),
  };
}

const sameText = (a: string, b: string) => a.trim() === b.trim();
const sameList = (a: string[], b: string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * After a conflict: every field the user left alone (still as the edit started) takes the copy saved elsewhere, so
 * the form shows it and saving again cannot put back what the other device changed (a summary, a fact, a topic
 * renamed since). What the user changed stays as they wrote it, for them to compare. A known person's details
 * (name, role…) are sent only when changed anyway; those left alone are shown as saved too. A draft kept on the
 * device from before drafts had a base is left as it is.
 */
export function takeTheirsWhereUntouched(draft: EventDraft, theirs: EventJson, timeZone?: string): EventDraft {
  const base = draft.base;
  if (!base) return draft;
  const now = eventToDraft(theirs, timeZone);
  const out: EventDraft = { ...draft, base: now.base };
  for (const k of EVENT_TEXT) if (sameText(draft[k], base[k])) out[k] = now[k];
  if (sameList(draft.topics, base.topics)) out.topics = now.topics;
  const theirPeople = new Map(now.people.map((p) => [p.id, p]));
  out.people = draft.people.map((p) => {
    const was = p.id ? base.people[p.id] : undefined;
    const is = p.id ? theirPeople.get(p.id) : undefined;
    if (!was || !is) return p;
    const merged: PersonDraft = {
      ...p,
      relation: p.relation === was.relation ? is.relation : p.relation,
      notes: sameText(p.notes, was.notes) ? is.notes : p.notes,
      topics: sameList(p.topics, was.topics) ? is.topics : p.topics,
    };
    if (p.base && is.base) {
      const details = ['name', 'role', 'organisation', 'sector', 'email'] as const;
      const base = { ...p.base };
      for (const k of details) {
        if (sameText(p[k], p.base[k])) {
          merged[k] = is[k];
          base[k] = is.base[k];
        }
      }
      merged.base = base;
    }
    return merged;
  });
  const theirFacts = new Map(now.insights.map((i) => [i.id, i.text]));
  out.insights = draft.insights.map((i) => {
    const was = i.id ? base.facts[i.id] : undefined;
    const is = i.id ? theirFacts.get(i.id) : undefined;
    return was !== undefined && is !== undefined && sameText(i.text, was) ? { ...i, text: is } : i;
  });
  return out;
}

/**
 * After a conflict the user chose to keep their version: the draft now builds on what is saved (the event's,
 * its people's and its follow-ups' versions), so the same edits are sent again as changes to that.
 */
export function rebaseDraft(draft: EventDraft, theirs: EventJson): EventDraft {
  const person = new Map(theirs.people.map((p) => [p.id, p]));
  const followUp = new Map(theirs.followUps.map((f) => [f.id, f]));
  return {
    ...draft,
    version: theirs.version,
    people: draft.people.map((p) => {
      const now = p.id ? person.get(p.id) : undefined;
      return now && p.base ? { ...p, base: { ...p.base, version: now.version } } : p;
    }),
    // A follow-up removed elsewhere is sent again as a new one; one still there builds on its current version.
    followUps: draft.followUps.map((f) => {
      if (!f.id) return f;
      const now = followUp.get(f.id);
      if (!now) return { ...f, id: undefined, base: undefined };
      return f.base ? { ...f, base: { ...f.base, version: now.version } } : f;
    }),
    loadedFollowUpIds: (draft.loadedFollowUpIds ?? []).filter((id) => followUp.has(id)),
  };
}
