import { RELATION_LABEL } from '@/lib/events/relations';
import Link from 'next/link';
import type { EventPerson } from '@/lib/events/queries';
import { displayName } from '@/lib/people/display-name';

interface Group {
  sector: string;
  organisations: { id: string | null; name: string; people: EventPerson[] }[];
}

/** People by sector, then by organisation, in the order the sectors first appear. */
function groupPeople(people: EventPerson[]): Group[] {
  const groups: Group[] = [];
  for (const p of people) {
    const sector = p.sector?.name ?? 'No sector';
    let group = groups.find((g) => g.sector === sector);
    if (!group) groups.push((group = { sector, organisations: [] }));
    const orgName = p.organisation?.name ?? 'No organisation';
    let org = group.organisations.find((o) => o.name === orgName);
    if (!org) group.organisations.push((org = { id: p.organisation?.id ?? null, name: orgName, people: [] }));
    org.people.push(p);
  }
  return groups;
}

/** Everyone at the event, grouped by sector and organisation, each linked to their page. */
export function PeopleGroups({ people }: { people: EventPerson[] }) {
  return (
    <div className="space-y-5">
      {groupPeople(people).map((group) => (
        <section key={group.sector} aria-label={`Sector: ${group.sector}`}>
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{group.sector}</h3>
          <div className="mt-2 space-y-3">
            {group.organisations.map((org) => (
              <div key={org.name}>
                <p className="text-sm font-medium">
                  {org.id ? (
                    <Link href={`/organisations/${org.id}`} className="hover:underline">
                      {org.name}
                    </Link>
                  ) : (
                    <span className="text-zinc-500">{org.name}</span>
                  )}
                </p>
                <ul className="mt-1 divide-y divide-zinc-100 dark:divide-zinc-800">
                  {org.people.map((p) => (
                    <li key={p.id} className="py-2">
                      <div className="flex flex-wrap items-baseline gap-x-2">
                        <Link href={`/people/${p.id}`} className="font-medium text-accent-700 hover:underline dark:text-accent-200">
                          {/* The organisation is the heading above, so someone without a name is called by their role. */}
                          {displayName({ name: p.name, role: p.role, organisationName: p.name || p.role ? null : p.organisation?.name })}
                        </Link>
                        {p.name && p.role ? <span className="text-sm text-zinc-600 dark:text-zinc-400">{p.role}</span> : null}
                        {p.relation !== 'met' ? (
                          <span className="rounded-full bg-zinc-100 px-2 text-xs leading-5 font-medium dark:bg-zinc-800">{RELATION_LABEL[p.relation]}</span>
                        ) : null}
                      </div>
                      {p.notes ? <p className="mt-0.5 text-sm text-zinc-700 dark:text-zinc-300">{p.notes}</p> : null}
                      {p.topics.length ? <p className="mt-0.5 text-xs text-zinc-500">Talked about {p.topics.join(', ')}</p> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
