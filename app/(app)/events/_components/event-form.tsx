'use client';

import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { lazy, Suspense, useEffect, useId, useRef, useState, useTransition } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { useToast } from '@/app/_components/ui/toast';
import { Field, inputClass, TextField } from '@/app/_components/ui/field';
import { TextAreaField } from '@/app/_components/ui/textarea-field';
import {
  captureDay,
  draftToPayload,
  emptyPerson,
  newUid,
  payloadRowUids,
  rebaseDraft,
  suggestedTime,
  withStartTime,
  timeForPickedDate,
  takeTheirsWhereUntouched,
  type EventDraft,
} from '@/lib/events/draft';
import type { EventJson } from '@/lib/events/queries';
import type { DuplicateCandidate } from '@/lib/events/resolve';
import { holdForEditing, isNetworkFailure, putOutboxItem, removeOutboxItem } from '@/lib/offline/outbox';
import { saveEventAction, type SaveEventResult } from '../actions';
import { DiscardLink } from './discard-link';

// Shown only after a save met a change from another device (so with a connection): loaded then, not with the form,
// whose script is at its budget.
const ConflictNotice = lazy(() => import('./conflict-notice').then((m) => ({ default: m.ConflictNotice })));
import { FactRow, FollowUpRow } from './fact-followup-rows';
import { PersonRow } from './person-row';
import { SaveBar } from './save-bar';
import { TagInput } from './tag-input';
import { useDeviceDraft } from './use-device-draft';
import { useSuggest } from './use-suggest';
import { addDays, wallClockIn } from '@/lib/dates';

type Errors = Record<string, string[]>;

/** Server errors name rows by position at submit time; re-key them by the row's uid so edits don't shift them. */
function rekey(errors: Errors, uids: ReturnType<typeof payloadRowUids>): Errors {
  const out: Errors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const m = /^(people|insights|followUps)\.(\d+)(?:\.(.*))?$/.exec(path);
    const uid = m ? uids[m[1] as keyof typeof uids][Number(m[2])] : undefined;
    const key = m && uid ? `${m[1]}.${uid}${m[3] ? `.${m[3]}` : ''}` : path;
    (out[key] ??= []).push(...messages);
  }
  return out;
}

/** The capture form, for a new event and for an edit: phone first, nothing lost. */
export function EventForm({
  draftKey,
  userId,
  initial,
  eventId,
  sectors,
  timeZone,
  locale,
}: {
  draftKey: string;
  /** The signed-in user: what waits in this device's outbox is theirs. */
  userId: string;
  initial: EventDraft;
  eventId?: string;
  sectors: string[];
  /** The user's time zone (Settings): dates and times typed here are read in it. */
  timeZone: string;
  /** The user's locale (Settings), for the dates shown beside people already known. */
  locale: string;
}) {
  const router = useRouter();
  // In the user's zone on both server and client, so the quick-date buttons hydrate as rendered.
  const today = wallClockIn(new Date(), timeZone).date;
  // A new evening's date: the evening just gone (after midnight or in the morning, yesterday's).
  const freshStart = () => {
    const date = captureDay(timeZone);
    return { date, time: suggestedTime(date, timeZone) };
  };
  // Taken once, as the form opens: the form must not start over when the clock passes the half hour.
  const [fresh] = useState(freshStart);
  // A blank form for the next evening (an edit: the event as it loaded), with a key of its own.
  const blank = () => ({ ...initial, key: `evt-${newUid()}`, ...(eventId ? null : freshStart()) });
  const { draft, setDraft, clear, reset, restoredAt, savedAt, edited } = useDeviceDraft(draftKey, initial, eventId ? undefined : fresh);
  const [queued, setQueued] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Record<string, DuplicateCandidate[]>>({});
  const [conflict, setConflict] = useState<EventJson | null>(null);
  const toast = useToast();
  // What the edit had started from when the conflict came back: the notice lists what the other device changed.
  const [conflictBase, setConflictBase] = useState<EventDraft['base']>(undefined);
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  // The draft is an event waiting in this device's outbox, opened here to edit: held back from sending meanwhile.
  const [waiting, setWaiting] = useState(false);
  const seriesList = useId();
  const series = useSuggest<string>('series', draft.series);
  const set = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (path: string) => errors[path];
  // How the server's messages of a date's range start ("Choose a date between 1900 and 2200", "…at most 10 years ahead").
  const CHOOSE = 'Choose a date ';

  const focusLater = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
  const addPerson = () => {
    const person = emptyPerson();
    setDraft((d) => ({ ...d, people: [...d.people, person] }));
    focusLater(`#person-${person.uid}-name`);
  };
  const addFact = () => {
    const uid = newUid();
    setDraft((d) => ({ ...d, insights: [...d.insights, { uid, text: '', personUid: '' }] }));
    focusLater(`#fact-${uid}-text`);
  };
  const addFollowUp = () => {
    const uid = newUid();
    setDraft((d) => ({ ...d, followUps: [...d.followUps, { uid, action: '', personUid: '', due: '' }] }));
    focusLater(`#follow-up-${uid}-action`);
  };

  const submit = (override?: Partial<EventDraft>) => {
    const current = withStartTime({ ...draft, ...override }, timeZone);
    const payload = draftToPayload(current, timeZone);
    const uids = payloadRowUids(current);
    startTransition(async () => {
      const r: SaveEventResult | 'offline' = await saveEventAction({ eventId, version: current.version, idempotencyKey: current.key, payload }).catch((err) =>
        isNetworkFailure(err) && !eventId
          ? ('offline' as const)
          : { message: 'No connection just now. Your draft is kept on this device; try again when you have signal.', ok: false },
      );
      if (r === 'offline') {
        // A row begun but not said would only be refused once sent: said here, as the server would, before it waits.
        const unsaid: Errors = {};
        payload.followUps.forEach((f, i) => f.action.trim() || (unsaid[`followUps.${uids.followUps[i]}.action`] = ['Say what you will do']));
        payload.insights.forEach((f, i) => f.text.trim() || (unsaid[`insights.${uids.insights[i]}.text`] = ['Write the fact or statistic']));
        if (Object.keys(unsaid).length) {
          setErrors(unsaid);
          setRefusals((n) => n + 1);
          return;
        }
        // No signal: the evening waits in this device's outbox under its key, and goes when the phone is back online.
        const title = current.title.trim() || 'Untitled event';
        await putOutboxItem({ key: current.key, userId, payload, draft: current, title, savedAt: Date.now() });
        reset(blank());
        // An Undo still on offer belongs to the evening just queued, not to the blank form.
        toast.hide();
        setErrors({});
        setConflict(null);
        setMessage(null);
        setQueued(title);
        window.scrollTo({ top: 0 });
        return;
      }
      setQueued(null);
      if (r.ok && r.data?.eventId) {
        // Created under the key it waited under: the copy in the outbox has gone, as this one.
        await removeOutboxItem(userId, current.key).catch(() => {});
        clear();
        router.push(`/events/${r.data.eventId}${eventId ? '?updated=1' : '?saved=1'}`);
        return;
      }
      setErrors(rekey(r.fieldErrors ?? {}, uids));
      setDuplicates(
        Object.fromEntries(Object.entries(r.data?.duplicates ?? {}).flatMap(([i, c]) => (uids.people[Number(i)] ? [[uids.people[Number(i)]!, c]] : []))),
      );
      setConflict(r.conflict ?? null);
      // What the user left alone now shows the copy saved elsewhere; the notice lists what the other device changed.
      setConflictBase(current.base);
      if (r.conflict) setDraft((d) => takeTheirsWhereUntouched(d, r.conflict!, timeZone));
      setMessage(r.message ?? null);
      setRefusals((n) => n + 1);
    });
  };

  /**
   * A fresh form, with Undo: "Start over", or, for an event opened from the outbox, putting it back to wait as it
   * was (the form's changes to it dropped, but only once the Undo has gone).
   */
  const startAgain = () => {
    const before = draft;
    reset(blank());
    void holdForEditing(userId, before.key, false);
    toast.show({ message: waiting ? 'Put back as it was' : 'Started over', undo: async () => setDraft(() => before) });
    focusLater('#title');
  };

  /** A new evening's day, its start time following unless the user set one (timeForPickedDate); an edit keeps its time. */
  const pickDate = (date: string) => set(eventId ? { date } : { date, time: timeForPickedDate(draft, date, fresh.time, timeZone) });

  /**
   * Takes a person off the evening, their facts and follow-ups left with nobody in particular, and offers Undo: a
   * tap on the bin must not cost a card of notes, nor quietly re-address a promise.
   */
  const removePerson = (index: number) => {
    const gone = draft.people[index];
    if (!gone) return;
    const facts = draft.insights.filter((i) => i.personUid === gone.uid).map((i) => i.uid);
    const promises = draft.followUps.filter((f) => f.personUid === gone.uid).map((f) => f.uid);
    setDraft((d) => ({
      ...d,
      people: d.people.filter((p) => p.uid !== gone.uid),
      insights: d.insights.map((i) => (i.personUid === gone.uid ? { ...i, personUid: '' } : i)),
      followUps: d.followUps.map((f) => (f.personUid === gone.uid ? { ...f, personUid: '' } : f)),
    }));
    const who = gone.name.trim() || [gone.role.trim(), gone.organisation.trim()].filter(Boolean).join(', ') || `Person ${index + 1}`;
    // What the removal leaves with nobody is said, not found out later on the event as "Unattributed".
    // Only rows with words in them: an empty row is never saved, so it loses nothing.
    const factsLeft = draft.insights.filter((i) => i.personUid === gone.uid && i.text.trim()).length;
    const promisesLeft = draft.followUps.filter((f) => f.personUid === gone.uid && f.action.trim()).length;
    const left = [
      factsLeft ? `${factsLeft} fact${factsLeft === 1 ? '' : 's'}` : '',
      promisesLeft ? `${promisesLeft} follow-up${promisesLeft === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    // Focus stays in the form where the row was (a bin's focus would otherwise fall to the top of a long form): on
    // the next row's bin, else the one before, else "Add a person". A button, so no phone keyboard pops up.
    requestAnimationFrame(() => {
      const rows = formRef.current?.querySelectorAll<HTMLElement>('[data-person-row]') ?? [];
      const neighbour = rows[index] ?? rows[index - 1];
      (neighbour?.querySelector<HTMLElement>('[data-remove-person]') ?? formRef.current?.querySelector<HTMLElement>('[data-add-person]'))?.focus();
    });
    toast.show({
      message: left ? `Removed ${who}: ${left} now with nobody` : `Removed ${who}`,
      undo: async () =>
        setDraft((d) => ({
          ...d,
          people: [...d.people.slice(0, index), gone, ...d.people.slice(index)],
          // Only rows still with nobody go back to them: one given to someone else since keeps that.
          insights: d.insights.map((i) => (facts.includes(i.uid) && !i.personUid ? { ...i, personUid: gone.uid } : i)),
          followUps: d.followUps.map((f) => (promises.includes(f.uid) && !f.personUid ? { ...f, personUid: gone.uid } : f)),
        })),
    });
  };

  useEffect(() => {
    // Whether the draft is an event waiting in the outbox (opened there, or back by Undo), held while it is here.
    let live = true;
    void holdForEditing(userId, draft.key).then(
      (held) => live && setWaiting(held),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [userId, draft.key]);

  useEffect(() => {
    // After a refused save has rendered its errors (a transition commits when it likes, so not before): the
    // message is announced (aria-live) and focus goes to the first field in error, however far down the form,
    // so the keyboard and the screen are where the fixing happens. Otherwise to the message.
    if (!refusals) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? summaryRef.current)?.focus();
  }, [refusals]);

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        // On a phone keyboard Enter means "next field", not "save half an evening" nor "a new blank row": every
        // single-line field moves on (a topic's field, which adds the topic, keeps its own Enter).
        const target = e.target as HTMLElement;
        if (e.key !== 'Enter' || e.defaultPrevented || target.tagName !== 'INPUT') return;
        e.preventDefault();
        const fields = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([type=radio]), textarea, select'));
        fields[fields.indexOf(target) + 1]?.focus();
      }}
      // Fields scrolled into view while typing must clear the fixed save bar.
      className="space-y-4 [&_input]:scroll-mb-28 [&_select]:scroll-mb-28 [&_textarea]:scroll-mb-28"
    >
      <input type="hidden" name="idempotencyKey" value={draft.key} readOnly />
      {waiting || restoredAt ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-accent-50 px-3 py-2 text-sm text-accent-700 dark:bg-accent-900/40 dark:text-accent-100"
        >
          <span>{waiting ? 'Editing an event waiting to send. It is not sent until you save it.' : 'Restored the draft you were writing on this device.'}</span>
          <button type="button" className="min-h-11 font-medium underline" onClick={startAgain}>
            {waiting ? 'Put it back unchanged' : 'Start over'}
          </button>
        </div>
      ) : null}
      {queued ? (
        <div
          role="status"
          className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200"
        >
          <p className="font-medium">Saved on this phone — it will be sent when you are back online.</p>
          <p>
            “{queued}” is waiting with any others in{' '}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- the outbox must open from the service worker when offline: a full navigation */}
            <a href="/outbox" className="font-medium underline">
              Waiting to send
            </a>
            . You can log another now.
          </p>
        </div>
      ) : null}
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive" className="outline-none">
        {message ? (
          // "May already be in your contacts" is a question, not a failure: said in the amber of the rows that ask it
          // (.form-msg in app/globals.css: its classes there, not in this page's script).
          <p className="form-msg" data-ask={Object.keys(duplicates).length > 0 || undefined}>
            {message}
          </p>
        ) : null}
      </div>
      {conflict ? (
        <Suspense fallback={null}>
          <ConflictNotice
            theirs={conflict}
            mine={draft}
            base={conflictBase}
            onKeepMine={() => {
              const rebased = rebaseDraft(draft, conflict);
              setDraft(() => rebased);
              setConflict(null);
              submit(rebased);
            }}
          />
        </Suspense>
      ) : null}

      <Card className="space-y-4">
        <h2 className="text-base font-semibold">The event</h2>
        <TextField
          id="title"
          label="Title"
          limit={200}
          value={draft.title}
          errors={err('title')}
          onChange={(e) => set({ title: e.target.value })}
          placeholder="e.g. CIO Club, April evening"
          autoComplete="off"
        />
        <div className="space-y-1.5">
          <div className="flex flex-wrap gap-2" role="group" aria-label="Quick dates">
            {[
              { label: 'Today', date: today },
              { label: 'Yesterday', date: addDays(today, -1) },
            ].map((q) => (
              <button
                key={q.label}
                type="button"
                aria-pressed={draft.date === q.date}
                onClick={() => pickDate(q.date)}
                className={`min-h-11 rounded-full border px-4 text-sm font-medium ${
                  draft.date === q.date ? 'border-accent-600 bg-accent-600 text-white' : 'border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900'
                }`}
              >
                {q.label}
              </button>
            ))}
          </div>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <TextField
              id="date"
              type="date"
              label="Date"
              className="col-span-2 sm:col-span-1"
              value={draft.date}
              // The API's message names an ISO timestamp; here the field is a date picker. A date out of range says which.
              errors={
                err('startsAt') && [
                  !draft.date ? 'Choose the date of the event' : (err('startsAt')!.find((m) => m.startsWith(CHOOSE)) ?? 'Choose a date the calendar knows'),
                ]
              }
              onChange={(e) => pickDate(e.target.value)}
            />
            <TextField id="time" type="time" label="From" value={draft.time} onChange={(e) => set({ time: e.target.value })} />
            <TextField
              id="end-time"
              type="time"
              label="Until"
              value={draft.endTime}
              // Only when both times are set: an empty start is not "18:30" to the person looking at the form.
              hint={draft.time && draft.endTime && draft.endTime < draft.time ? 'Ends after midnight, the next day' : undefined}
              // Not the date's range again: said once, under Date.
              errors={err('endsAt')?.filter((m) => !m.startsWith(CHOOSE))}
              onChange={(e) => set({ endTime: e.target.value })}
            />
          </div>
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id="venue" label="Venue" limit={200} value={draft.venue} errors={err('venue')} onChange={(e) => set({ venue: e.target.value })} />
          <TextField id="host" label="Host" limit={200} value={draft.host} errors={err('host')} onChange={(e) => set({ host: e.target.value })} />
        </div>
        <Field id="series" label="Series" hint="The recurring evening it belongs to, e.g. “CIO Club monthly”" errors={err('series')}>
          {(describedBy, invalid) => (
            <input
              id="series"
              list={seriesList}
              value={draft.series}
              autoComplete="off"
              onChange={(e) => set({ series: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className={inputClass}
            />
          )}
        </Field>
        <datalist id={seriesList}>
          {series.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </Card>

      <Card className="space-y-3">
        <div>
          <h2 className="text-base font-semibold">People you met</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">A name if you have one; otherwise the role and organisation are enough.</p>
        </div>
        {draft.people.map((person, index) => (
          <PersonRow
            key={person.uid}
            index={index}
            person={person}
            sectors={sectors}
            locale={locale}
            timeZone={timeZone}
            duplicates={duplicates[person.uid]}
            errors={(field) => err(`people.${person.uid}.${field}`) ?? (field === 'name' ? err(`people.${person.uid}.id`) : undefined)}
            onChange={(next) => setDraft((d) => ({ ...d, people: d.people.map((p) => (p.uid === next.uid ? next : p)) }))}
            onRemove={() => removePerson(index)}
          />
        ))}
        <Button type="button" variant="secondary" className="w-full" data-add-person onClick={addPerson}>
          <Plus aria-hidden className="size-4" /> Add a person
        </Button>
      </Card>

      <Card>
        <TagInput id="topics" label="Topics of the evening" value={draft.topics} onChange={(topics) => set({ topics })} errors={err('topics')} />
      </Card>

      <Card className="space-y-3">
        <h2 className="text-base font-semibold">Facts heard</h2>
        {draft.insights.map((fact, index) => (
          <FactRow
            key={fact.uid}
            index={index}
            fact={fact}
            people={draft.people}
            errors={err(`insights.${fact.uid}.text`)}
            onChange={(next) => setDraft((d) => ({ ...d, insights: d.insights.map((i) => (i.uid === next.uid ? next : i)) }))}
            onRemove={() => setDraft((d) => ({ ...d, insights: d.insights.filter((i) => i.uid !== fact.uid) }))}
          />
        ))}
        <Button type="button" variant="secondary" className="w-full" onClick={addFact}>
          <Plus aria-hidden className="size-4" /> Add a fact
        </Button>
      </Card>

      <Card className="space-y-3">
        <h2 className="text-base font-semibold">Follow-ups</h2>
        {draft.followUps.map((followUp, index) => (
          <FollowUpRow
            key={followUp.uid}
            index={index}
            followUp={followUp}
            today={today}
            people={draft.people}
            errors={(field) => err(`followUps.${followUp.uid}.${field}`)}
            onChange={(next) => setDraft((d) => ({ ...d, followUps: d.followUps.map((f) => (f.uid === next.uid ? next : f)) }))}
            onRemove={() => setDraft((d) => ({ ...d, followUps: d.followUps.filter((f) => f.uid !== followUp.uid) }))}
          />
        ))}
        <Button type="button" variant="secondary" className="w-full" onClick={addFollowUp}>
          <Plus aria-hidden className="size-4" /> Add a follow-up
        </Button>
      </Card>

      <Card className="space-y-4">
        <TextAreaField
          id="summary"
          label="Summary"
          limit={5000}
          hint="What the evening was about, in a few lines."
          value={draft.summary}
          errors={err('summary')}
          onChange={(e) => set({ summary: e.target.value })}
        />
        <TextAreaField
          id="reflection"
          label="Reflection"
          limit={20000}
          hint="What you think about it now. Private unless you turn it into a post; a line starting “Private:” never goes into one."
          rows={5}
          value={draft.reflection}
          errors={err('reflection')}
          onChange={(e) => set({ reflection: e.target.value })}
        />
      </Card>

      {toast.view}
      <SaveBar
        pending={pending}
        savedAt={savedAt}
        label={eventId ? 'Save changes' : 'Save event'}
        cancel={
          <DiscardLink
            href={eventId ? `/events/${eventId}` : waiting ? '/outbox' : '/events'}
            changed={edited}
            // An event from the outbox: its changes go, and it waits again as it was.
            editing={Boolean(eventId) || waiting}
            onDiscard={() => {
              clear();
              void holdForEditing(userId, draft.key, false);
            }}
          />
        }
      />
    </form>
  );
}
