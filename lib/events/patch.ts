import type { EventDetail, EventJson } from './queries';
import type { EventInput, EventPatch } from './validation';

/** An event as the input it could have been saved from: the base a PATCH or the edit form starts from. */
export function detailToInput(e: EventDetail | EventJson): EventInput {
  const index = new Map(e.people.map((p, i) => [p.id, i]));
  const date = (d: Date | string | null) => (d === null ? undefined : new Date(d));
  return {
    title: e.title,
    startsAt: date(e.startsAt)!,
    endsAt: date(e.endsAt),
    venue: e.venue ?? undefined,
    host: e.host ?? undefined,
    series: e.series ?? undefined,
    summary: e.summary ?? undefined,
    reflection: e.reflection ?? undefined,
    topics: e.topics,
    people: e.people.map((p) => ({
      id: p.id,
      version: p.version,
      name: undefined,
      role: undefined,
      organisation: undefined,
      sector: undefined,
      relation: p.relation,
      notes: p.notes ?? undefined,
      topics: p.topics,
    })),
    insights: e.insights.map((i) => ({ id: i.id, text: i.text, personIndex: i.personId ? index.get(i.personId) : undefined })),
    followUps: e.followUps.map((f) => ({
      id: f.id,
      version: f.version,
      action: f.action,
      due: f.dueOn ?? undefined,
      personIndex: f.personId ? index.get(f.personId) : undefined,
      personId: f.personId && !index.has(f.personId) ? f.personId : undefined,
    })),
    removeFollowUps: [],
  };
}

/**
 * Applies a PATCH to the current event: only keys present in the request change. When `people` is replaced but
 * facts or follow-ups are not, their credits follow the person (by id) rather than the old position.
 */
export function mergePatch(current: EventDetail | EventJson, patch: EventPatch, presentKeys: Set<string>): EventInput {
  const base = detailToInput(current);
  const merged = { ...base } as Record<string, unknown>;
  for (const key of presentKeys) if (key !== 'version') merged[key] = patch[key as keyof EventPatch];
  const out = merged as unknown as EventInput;
  if (presentKeys.has('people')) {
    const newIndex = (oldIndex: number | undefined) => {
      const id = oldIndex === undefined ? undefined : current.people[oldIndex]?.id;
      const i = id ? out.people.findIndex((p) => p.id === id) : -1;
      return i >= 0 ? i : undefined;
    };
    if (!presentKeys.has('insights')) {
      out.insights = base.insights.map((i) => ({ ...i, personIndex: newIndex(i.personIndex) }));
    }
    if (!presentKeys.has('followUps')) {
      out.followUps = base.followUps.map((f) => {
        const i = newIndex(f.personIndex);
        const personId = f.personIndex === undefined ? f.personId : current.people[f.personIndex]?.id;
        return { ...f, personIndex: i, personId: i === undefined ? personId : undefined };
      });
    }
  }
  return out;
}
