/** What the composer needs to know about an event: everything is plain data, so composing stays pure. */

export type PostStyleName = 'narrative' | 'summary' | 'social';
export const POST_STYLES: readonly PostStyleName[] = ['narrative', 'summary', 'social'];

export interface ComposePerson {
  id: string;
  name: string | null;
  role: string | null;
  organisation: string | null;
  /** The person's own sector, else their organisation's. */
  sector: string | null;
  /** "Don't name in public": described by role and organisation instead. */
  keepPrivate: boolean;
  relation: 'met' | 'spoke' | 'mentioned';
  /** Topics this person cared about in the conversation. */
  topics: string[];
  /** Private conversation notes; only used when the caller asks for them. */
  notes: string | null;
  /** Only to keep it out of the post when the person is private. */
  email?: string | null;
}

export interface ComposeFact {
  text: string;
  /** Who said it, when known. */
  personId: string | null;
}

export interface ComposeFollowUp {
  action: string;
  personId: string | null;
  /** YYYY-MM-DD in the user's time zone. */
  dueOn: string | null;
  done: boolean;
}

export interface ComposeInput {
  event: {
    title: string;
    venue: string | null;
    host: string | null;
    series: string | null;
    summary: string | null;
    reflection: string | null;
    /** The event's start as a calendar date (YYYY-MM-DD) and hour (0–23) in the user's time zone. */
    localDate: string;
    localHour: number;
  };
  /** The day the post is written (YYYY-MM-DD, user's time zone), for "last night" and "yesterday". */
  postDate: string;
  /** How many events of this series the user has attended up to and including this one (0 or 1 when none). */
  seriesCount: number;
  people: ComposePerson[];
  /** Topics of the event as a whole. */
  topics: string[];
  facts: ComposeFact[];
  followUps: ComposeFollowUp[];
}

/** How the user writes (Settings → Writing, else habits taken from their published posts, else defaults). */
export interface WritingStyle {
  length: 'short' | 'usual' | 'long';
  /** Headings between parts; null lets the style decide (off for the narrative, on for the summary). */
  headings: boolean | null;
  /** British ("organisers", "Tuesday 21 April") or American ("organizers", "Tuesday, April 21"). */
  spelling: 'british' | 'american';
  /** How people who asked not to be named are referred to: by role and organisation, by sector, or as a guest. */
  unnamed: 'role' | 'sector' | 'guest';
  /** How the opening says when: "last night" or "on Tuesday 21 April". */
  timeRef: 'relative' | 'date';
  /** A last line the user ends posts with, if any. */
  signOff: string | null;
}

export const DEFAULT_WRITING: WritingStyle = {
  length: 'usual',
  headings: null,
  spelling: 'british',
  unnamed: 'role',
  timeRef: 'relative',
  signOff: null,
};

export interface ComposeOptions {
  style: PostStyleName;
  /** Include private conversation notes (off unless the user asks). */
  includeNotes?: boolean;
  /**
   * Include the user's follow-ups, their private to-do list (off unless the user asks): they often name people
   * who were not at the event, whom nothing else in the draft would name.
   */
  includeFollowUps?: boolean;
  /** How the user writes; defaults to DEFAULT_WRITING. */
  writing?: Partial<WritingStyle>;
}

/** What one part of the draft was written from, for the editor's "where this came from" panel. */
export interface DraftSource {
  kind: 'event' | 'summary' | 'person' | 'topic' | 'fact' | 'follow-up' | 'reflection' | 'setting';
  /** What the user would recognise it by (a private person appears as the post describes them). */
  label: string;
}

/** One generated sentence (or list item) and what it came from. */
export interface DraftPart {
  text: string;
  from: DraftSource[];
}

export interface ComposedPost {
  title: string;
  markdown: string;
  /** Each generated sentence with its sources, in order (the user's own paragraphs included as such). */
  parts: DraftPart[];
}
