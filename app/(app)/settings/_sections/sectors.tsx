import { Card } from '@/app/_components/ui/card';
import type { CurrentUser } from '@/lib/auth/users';
import { listSectors } from '@/lib/sectors/queries';
import { AddSectorForm, SectorRow } from '../sectors/sector-forms';

/** Sectors: add, rename, merge, delete (never leaving anyone without one they were filed under). */
export async function SectorsSection({ user }: { user: CurrentUser }) {
  const sectors = await listSectors(user.id);
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold" id="sectors">
        Sectors
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        How you group people and organisations. Deleting one in use moves everyone in it to the sector you choose.
      </p>
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {sectors.map((s) => (
          <SectorRow key={`${s.id}-${s.name}`} sector={s} others={sectors.filter((o) => o.id !== s.id).map(({ id, name }) => ({ id, name }))} />
        ))}
      </ul>
      <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <AddSectorForm />
      </div>
    </Card>
  );
}
