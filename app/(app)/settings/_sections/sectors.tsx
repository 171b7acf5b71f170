import { Card } from '@/app/_components/ui/card';
import type { CurrentUser } from '@/lib/auth/users';
import { getUndoableMerge } from '@/lib/merges/list';
import { listSectors } from '@/lib/sectors/queries';
import { MergedBanner } from '@/app/_components/merges/undo-merge';
import { AddSectorForm, SectorRow } from '../sectors/sector-forms';

/** Sectors: add, rename, merge, delete (never leaving anyone without one they were filed under). */
export async function SectorsSection({ user, merged, unmerged }: { user: CurrentUser; merged?: unknown; unmerged?: boolean }) {
  const [sectors, merge] = await Promise.all([listSectors(user.id), getUndoableMerge(user.id, merged)]);
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold" id="sectors">
        Sectors
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        How you group people and organisations. Deleting one in use moves everyone in it to the sector you choose.
      </p>
      {merge?.kind === 'sector' ? <MergedBanner mergeId={merge.id} label={merge.label} /> : null}
      {unmerged ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Merge undone: both sectors and who was in them are back as they were.
        </p>
      ) : null}
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
