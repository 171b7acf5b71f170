import { sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { rows } from '@/db/rows';
import { describeContact, type InteractionKind } from '@/lib/interactions/kinds';
import { DUE_COUNT_CAP, listDueContactsCounted } from '@/lib/keep-in-touch/queries';
import { displayName } from '@/lib/people/display-name';
import { reviewMonday } from './week';
import { addDays, formatDateTime, formatDay, isoWeekName, todayIn } from '@/lib/dates';

/** Rows here carry the organisation's name as `organisation`. */
const personLabel = (p: { name: string | null; role: string | null; organisation: string | null }) =>
  displayName({ name: p.name, role: p.role, organisationName: p.organisation });

type When = string | Date;

/** At most this many of each list in the export and the API (a week is rarely near it). */
export const REVIEW_LIST_MAX = 500;

/** At most this many people due a contact are listed; the rest are counted, and /follow-ups lists them. */
const DUE_CONTACTS_MAX = 50;

export interface DueContact {
  id: string;
  displayName: string;
  dueOn: string;
}

export interface WeeklyReview {
  week: string;
  /** Monday and Sunday of the week, days in the user's time zone. */
  from: string;
  to: string;
  previousWeek: string;
  nextWeek: string;
  timeZone: string;
  events: { id: string; title: string; startsAt: Date; venue: string | null; series: string | null; people: number }[];
  people: { id: string; displayName: string; events: string[] }[];
  /** Contacts logged with a person (a call, a coffee…) on a day of the week; `note` is the note's first line. */
  contacts: { id: string; kind: InteractionKind; occurredOn: string; note: string | null; person: { id: string; displayName: string } }[];
  done: { id: string; action: string; doneAt: Date; person: string | null }[];
  slipped: { id: string; action: string; dueOn: string; person: string | null }[];
  dueContacts: DueContact[];
  /** How many each list holds in all (a list read with `first`, and the people due a contact, show only the first few). */
  totals: { events: number; people: number; contacts: number; done: number; slipped: number; dueContacts: number };
  /** Follow-ups due before the week (and before today) still open: not the week's to have slipped, but still overdue. */
  olderOverdue: number;
}

/**
 * People due a contact by the end of the week (Sunday): the keep-in-touch rule (lib/keep-in-touch), the same as the
 * dashboard's "Get back in touch", so the two pages never disagree. Snoozed people are due on their snooze day.
 */
async function dueContactsForReview(userId: string, from: string, to: string): Promise<{ list: DueContact[]; total: number }> {
  const { items, total } = await listDueContactsCounted(userId, from, { until: to, limit: DUE_CONTACTS_MAX });
  return { list: items.map((c) => ({ id: c.id, displayName: c.displayName, dueOn: c.dueOn })), total };
}

/** A note's first line with words in it, cut short for a list; none for an empty note. */
function firstLine(note: string | null): string | null {
  const first = note
    ?.split('\n')
    .find((l) => l.trim())
    ?.trim();
  if (!first) return null;
  return first.length > 140 ? `${first.slice(0, 139).trimEnd()}…` : first;
}

/** The contacts logged on the week's days, of people still in the book, in the order they happened. */
function weekContacts(userId: string, monday: string, sunday: string, limit: number) {
  return rows<{
    id: string;
    kind: InteractionKind;
    occurred_on: string;
    note: string | null;
    person_id: string;
    name: string | null;
    role: string | null;
    organisation: string | null;
    total: number;
  }>(
    db,
    sql`with i as (
          select i.id, i.kind, i.occurred_on, i.note, i.person_id, i.created_at, count(*) over () as total
          from interactions i
          join people p on p.id = i.person_id and p.user_id = ${userId} and p.deleted_at is null
          where i.user_id = ${userId} and i.deleted_at is null and i.occurred_on >= ${monday}::date and i.occurred_on <= ${sunday}::date
          order by i.occurred_on, i.created_at, i.id
          limit ${limit}
        )
        select i.id, i.kind, i.occurred_on::text as occurred_on, i.note, i.person_id, p.name, p.role, o.name as organisation, i.total
        from i
        join people p on p.id = i.person_id and p.user_id = ${userId}
        left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}
        order by i.occurred_on, i.created_at, i.id`,
  );
}

/** The week's follow-ups that `where` picks, in `order`: counted apart, and their people joined to the rows shown only. */
function weekFollowUps(userId: string, where: SQL, order: SQL, limit: number) {
  return rows<{
    id: string;
    action: string;
    done_at: When | null;
    due_on: string | null;
    name: string | null;
    role: string | null;
    organisation: string | null;
    has_person: boolean;
    total: number;
  }>(
    db,
    sql`with f as (
          select f.id, f.action, f.done_at, f.due_on, f.person_id, count(*) over () as total from follow_ups f
          where f.user_id = ${userId} and f.deleted_at is null and ${where}
          order by ${order}
          limit ${limit}
        )
        select f.id, f.action, f.done_at, f.due_on::text as due_on, p.name, p.role, o.name as organisation,
               (p.id is not null) as has_person, f.total
        from f
        left join people p on p.id = f.person_id and p.user_id = ${userId}
        left join organisations o on o.id = p.organisation_id and o.user_id = ${userId}
        order by ${order}`,
  );
}

/**
 * The weekly review of the week starting on `monday` (a day in `timeZone`): its events, the people met or spoken
 * with (not only mentioned), the contacts logged on its days, the follow-ups done in it and those that slipped (due
 * in it before `today`, the user's today, and still open: one due today has not slipped yet). The week's bounds are
 * local midnights turned into instants by PostgreSQL (`at time zone`), so DST weeks are 167 or 169 hours.
 */
export async function getWeeklyReview(
  userId: string,
  monday: string,
  timeZone: string,
  options: { first?: number; today?: string } = {},
): Promise<WeeklyReview> {
  // A busy week of a large address book meets hundreds of people: the page lists the first few of each list (with
  // their totals) and "Show all"; the export and the API read up to REVIEW_LIST_MAX of each.
  const limit = Math.min(options.first ?? REVIEW_LIST_MAX, REVIEW_LIST_MAX);
  const sunday = addDays(monday, 6);
  const today = options.today ?? todayIn(timeZone);
  const start = sql`(${monday}::date::timestamp at time zone ${timeZone})`;
  const end = sql`(${addDays(monday, 7)}::date::timestamp at time zone ${timeZone})`;
  const [events, people, contacts, done, slipped, due, older] = await Promise.all([
    rows<{ id: string; title: string; starts_at: When; venue: string | null; series: string | null; people: number; total: number }>(
      db,
      sql`select e.id, e.title, e.starts_at, e.venue, e.series,
                 (select count(*) from encounters en where en.event_id = e.id and en.user_id = ${userId} and en.relation <> 'mentioned')::int as people,
                 e.total
          from (
            select e.id, e.title, e.starts_at, e.venue, e.series, count(*) over () as total from events e
            where e.user_id = ${userId} and e.deleted_at is null and e.starts_at >= ${start} and e.starts_at < ${end}
            order by e.starts_at, e.id
            limit ${limit}
          ) e
          order by e.starts_at, e.id`,
    ),
    rows<{ id: string; name: string | null; role: string | null; organisation: string | null; events: string[]; total: number }>(
      db,
      // The week's people first (encounters of the week's events), the page cut, and only then the events each was
      // met at and their organisations.
      sql`with met as (
            select en.person_id, e.title, e.starts_at
            from encounters en
            join events e on e.id = en.event_id and e.user_id = ${userId} and e.deleted_at is null
            where en.user_id = ${userId} and en.relation <> 'mentioned' and e.starts_at >= ${start} and e.starts_at < ${end}
          ),
          week as (select person_id, min(starts_at) as first_seen from met group by person_id),
          -- How many are still in the book: the week's people less those deleted since (found through the small
          -- index of the user's deleted people), rather than a lookup of each of a busy week's two thousand.
          gone as (
            select count(*) as n from week join people p on p.id = week.person_id
            where p.user_id = ${userId} and p.deleted_at is not null
          ),
          -- In order before the people are read, so the page's first rows are looked up and no more.
          page as materialized (
            select p.id, p.name, p.role, p.organisation_id, w.first_seen
            from (select person_id, first_seen from week order by first_seen, person_id) w
            join people p on p.id = w.person_id and p.user_id = ${userId} and p.deleted_at is null
            order by w.first_seen, w.person_id
            limit ${limit}
          )
          select page.id, page.name, page.role, o.name as organisation,
                 (select count(*) from week) - (select n from gone) as total,
                 (select array_agg(m.title order by m.starts_at) from met m where m.person_id = page.id) as events
          from page left join organisations o on o.id = page.organisation_id and o.user_id = ${userId}
          order by page.first_seen, page.id`,
    ),
    weekContacts(userId, monday, sunday, limit),
    weekFollowUps(userId, sql`f.status = 'done' and f.done_at >= ${start} and f.done_at < ${end}`, sql`f.done_at, f.id`, limit),
    weekFollowUps(
      userId,
      sql`f.status = 'open' and f.due_on >= ${monday}::date and f.due_on <= ${sunday}::date and f.due_on < ${today}::date`,
      sql`f.due_on, f.id`,
      limit,
    ),
    dueContactsForReview(userId, monday, sunday),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from follow_ups f
          where f.user_id = ${userId} and f.status = 'open' and f.deleted_at is null
            and f.due_on < ${monday}::date and f.due_on < ${today}::date`,
    ),
  ]);
  return {
    week: isoWeekName(monday),
    from: monday,
    to: sunday,
    previousWeek: isoWeekName(addDays(monday, -7)),
    nextWeek: isoWeekName(addDays(monday, 7)),
    timeZone,
    events: events.map((e) => ({ id: e.id, title: e.title, startsAt: new Date(e.starts_at), venue: e.venue, series: e.series, people: Number(e.people) })),
    people: people.map((p) => ({ id: p.id, displayName: personLabel(p), events: p.events })),
    contacts: contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      occurredOn: c.occurred_on,
      note: firstLine(c.note),
      person: { id: c.person_id, displayName: personLabel(c) },
    })),
    done: done.map((f) => ({ id: f.id, action: f.action, doneAt: new Date(f.done_at!), person: f.has_person ? personLabel(f) : null })),
    slipped: slipped.map((f) => ({ id: f.id, action: f.action, dueOn: f.due_on!, person: f.has_person ? personLabel(f) : null })),
    dueContacts: due.list,
    totals: {
      events: total(events),
      people: total(people),
      contacts: total(contacts),
      done: total(done),
      slipped: total(slipped),
      dueContacts: due.total,
    },
    olderOverdue: Number(older[0]?.n ?? 0),
  };
}

/** The count beside the first row of a list read with `count(*) over ()`; none for an empty list. */
const total = (found: { total: number }[]) => Number(found[0]?.total ?? 0);

/** Link text with its brackets escaped, so a title cannot end the link early. */
function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

function line(text: string): string {
  // One list item per line: inner line breaks would end the item.
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The review as Markdown, for the download and the "Copy" button. Links point at `origin`. */
export function reviewMarkdown(r: WeeklyReview, origin: string): string {
  const when = (d: Date) => formatDateTime(d, 'en-GB', r.timeZone, 'short');
  const out: string[] = [`# Weekly review ${r.week}`, '', `${r.from} to ${r.to} (${r.timeZone})`, ''];
  const section = (title: string, items: string[], none: string, total = items.length) => {
    out.push(`## ${title}`, '');
    out.push(...(items.length ? items.map((i) => `- ${line(i)}`) : [none]), '');
    if (total > items.length) out.push(`(The first ${items.length} of ${total}.)`, '');
  };
  section(
    'Events',
    r.events.map((e) => `[${linkText(e.title)}](${origin}/events/${e.id}), ${when(e.startsAt)}${e.venue ? `, ${e.venue}` : ''} (${e.people} met)`),
    'No events this week.',
    r.totals.events,
  );
  section(
    'People met',
    r.people.map((p) => `[${linkText(p.displayName)}](${origin}/people/${p.id}), at ${p.events.join(', ')}`),
    'Nobody met this week.',
    r.totals.people,
  );
  section(
    'Contacts logged',
    r.contacts.map((c) => {
      const { label, note } = describeContact(c);
      return `${label}, [${linkText(c.person.displayName)}](${origin}/people/${c.person.id}), ${formatDay(c.occurredOn, 'en-GB', 'short')}${note ? `: ${note}` : ''}`;
    }),
    'No contacts logged this week.',
    r.totals.contacts,
  );
  section(
    'Follow-ups done',
    r.done.map((f) => `${f.action}${f.person ? ` (${f.person})` : ''}`),
    'None done this week.',
    r.totals.done,
  );
  section(
    'Follow-ups that slipped',
    r.slipped.map((f) => `${f.action}${f.person ? ` (${f.person})` : ''}, due ${f.dueOn}`),
    'Nothing due this week slipped.',
    r.totals.slipped,
  );
  if (r.olderOverdue > 0) {
    const older = r.olderOverdue === 1 ? 'One follow-up due before this week is' : `${r.olderOverdue} follow-ups due before this week are`;
    out.push(`${older} still open, see [Rapport](${origin}/follow-ups).`, '');
  }
  section(
    'Due a contact',
    r.dueContacts.map((c) => `${c.displayName}, due ${c.dueOn}`),
    'Nobody is due a contact by the end of the week.',
  );
  const more = r.totals.dueContacts - r.dueContacts.length;
  if (more > 0) out.push(`…and ${r.totals.dueContacts >= DUE_COUNT_CAP ? 'many' : more} more, see [Rapport](${origin}/follow-ups).`, '');
  return out.join('\n');
}

/** The review a `week` query names (or last week), relative to today in the user's time zone. */
export async function reviewForWeek(
  user: { id: string; timeZone: string },
  week: string | undefined,
  today: string,
  options: { first?: number } = {},
): Promise<WeeklyReview> {
  return getWeeklyReview(user.id, reviewMonday(week, today), user.timeZone, { ...options, today });
}
