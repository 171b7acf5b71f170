/**
 * One contact read from a file, before it is matched against the address book. Every reader (vCard, the CSV
 * layouts) produces these; the planner knows nothing of the format it came from.
 */
export interface ContactDraft {
  /** The 1-based line of the file the contact starts on: errors and the preview name it. */
  line: number;
  name: string | null;
  organisation: string | null;
  role: string | null;
  /** The first is the person's email; the others go into the notes rather than being lost. */
  emails: string[];
  phones: string[];
  links: string[];
  /** Free text: the file's notes plus anything Rapport has no field for (birthday, address, other emails). */
  notes: string | null;
  /** Categories or tags: one naming a known sector sets the sector, the others are kept in the notes. */
  categories: string[];
  /** A vCard's UID when it is a UUID (`urn:uuid:…`, as Rapport's export writes the person's id): the same contact. */
  uid?: string;
}

/** A row the reader could not take, by line. */
export interface RowError {
  line: number;
  message: string;
}

export interface ReadResult {
  drafts: ContactDraft[];
  errors: RowError[];
  /** Rows with every cell empty (a spreadsheet's empty rows saved as commas), passed over. */
  blankLines?: number;
}

/** A draft with every list empty and every field absent, for readers to fill in. */
export function emptyDraft(line: number): ContactDraft {
  return { line, name: null, organisation: null, role: null, emails: [], phones: [], links: [], notes: null, categories: [] };
}

/** Joins note parts, dropping empty ones. */
export function joinNotes(parts: (string | null | undefined)[]): string | null {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  return kept.length ? kept.join('\n\n') : null;
}

/**
 * The same values with the first that `ok` takes moved to the front, the others in their order: a reader keeps the
 * first as the person's email or phone and puts the rest in the notes, so an unusable first value costs nothing.
 */
export function movedToFront<T>(values: T[], ok: (value: T) => boolean): T[] {
  const first = values.findIndex(ok);
  return first > 0 ? [values[first]!, ...values.slice(0, first), ...values.slice(first + 1)] : values;
}
