import { Filter } from 'lucide-react';
import Link from 'next/link';
import { inputClass } from '@/app/_components/ui/field';
import { buttonClass } from '@/app/_components/ui/button-class';
import { PersonPicker } from '@/app/_components/follow-ups/person-picker';

interface Choice {
  id: string;
  label: string;
}

/**
 * Person, event and sector filters as a plain GET form, so a filtered list has a shareable address. The person is
 * found as one types (the same search as the People page) rather than listed: an address book of thousands would
 * otherwise put every person with a follow-up into the page.
 */
export function FollowUpFilters({
  person,
  events,
  sectors,
  current,
}: {
  /** The person the list is filtered by now, named. */
  person: Choice | null;
  events: Choice[];
  sectors: Choice[];
  current: { person?: string; event?: string; sector?: string };
}) {
  const active = Boolean(current.person || current.event || current.sector);
  const selects: { name: 'event' | 'sector'; label: string; all: string; choices: Choice[] }[] = [
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
        <PersonPicker key={person?.id ?? 'anyone'} id="filter-person" name="person" label="Person" initial={person} filter />
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
