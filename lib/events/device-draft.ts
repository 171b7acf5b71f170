import { draftKey } from './draft';

/**
 * What the new-event form on this device holds, if the user typed anything into it (browser only): its title and how
 * many people it names. A capture left half-way (a tap on the logo, a call coming in) is kept by the form; this is
 * how other pages know it is there.
 */
export function newDraftOnDevice(userId: string): { title: string; people: number } | null {
  try {
    const raw = localStorage.getItem(draftKey(userId, 'new'));
    if (!raw) return null;
    const d = JSON.parse(raw) as { title?: string; reflection?: string; summary?: string; people?: { name?: string; role?: string; organisation?: string }[] };
    const people = (d.people ?? []).filter((p) => p.name?.trim() || p.role?.trim() || p.organisation?.trim()).length;
    const title = d.title?.trim() ?? '';
    return title || people || d.reflection?.trim() || d.summary?.trim() ? { title, people } : null;
  } catch {
    return null;
  }
}
