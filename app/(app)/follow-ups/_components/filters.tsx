import { Filter } from 'lucide-react';
import Link from 'next/link';
import { inputClass } from '@/app/_components/ui/field';
import { buttonClass } from '@/app/_components/ui/button';

interface Choice {
  id: string;
  label: string;
}

/** Person, event and sector filters as a plain GET form, so a filtered list has a shareable address. */
export function FollowUpFilters({
  people,
  events,
  sectors,
  current,
}: {
  people: Choice[];
  events: Choice[];
  sectors: Choice[];
  current: { person?: string; event?: string; sector?: string };
}) {
  const active = Boolean(current.person || current.event || current.sector);
  const selects: { name: 'person' | 'event' | 'sector'; label: string; all: string; choices: Choice[] }[] = [
    { name: 'person', label: 'Person', all: 'Anyone', choices: people },
    { name: 'event', label: 'Event', all: 'Any event', choices: events },
    { name: 'sector', label: 'Sector', all: 'Any sector', choices: sectors },
  ];
  return (
    <details open={active} className="group mb-5 rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-4 text-sm font-medium [&::-webkit-details-marker]:hidden">
        <Filter aria-hidden className="size-4 text-zinc-500" />
        Filter{active ? ' (on)' : ''}
      </summary>
      <form method="get" className="grid gap-3 border-t border-zinc-200 p-4 sm:grid-cols-3 dark:border-zinc-800">
        {selects.map((s) => (
          <div key={s.name} className="space-y-1.5">
            <label htmlFor={`filter-${s.name}`} className="block text-sm font-medium">
              {s.label}
            </label>
            <select id={`filter-${s.name}`} name={s.name} defaultValue={current[s.name] ?? ''} className={inputClass}>
              <option value="">{s.all}</option>
              {s.choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="flex gap-2 sm:col-span-3">
          <button type="submit" className={buttonClass('primary')}>
            Apply filters
          </button>
          {active ? (
            <Link href="/follow-ups" className={buttonClass('ghost')}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
    </details>
  );
}
