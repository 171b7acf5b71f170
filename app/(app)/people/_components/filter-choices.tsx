'use client';

import { inputClass, labelClass } from '@/app/_components/ui/field';

/**
 * The "Met at" and "Topic discussed" filters, drawn here from data: as server markup, the RSC payload repeated
 * each option's element tree beside the HTML (the sector checkboxes came here for the same reason).
 */
export function EventFilter({ events, defaultValue }: { events: { id: string; label: string }[]; defaultValue: string }) {
  return (
    <div>
      <label htmlFor="event" className={labelClass}>
        Met at
      </label>
      <select id="event" name="event" defaultValue={defaultValue} className={inputClass}>
        <option value="">Any event</option>
        {events.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TopicFilter({ topics, defaultValue }: { topics: string[]; defaultValue: string }) {
  return (
    <div>
      <label htmlFor="topic" className={labelClass}>
        Topic discussed
      </label>
      <input id="topic" name="topic" list="topic-options" defaultValue={defaultValue} className={inputClass} autoComplete="off" maxLength={200} />
      <datalist id="topic-options">
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </div>
  );
}
