import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Card, PageHeader } from '@/app/_components/ui/card';
import { formatDateTime } from '@/lib/dates';
import { listRecentImports } from '@/lib/import/undo';
import { countOf } from '@/lib/import/words';
import { RESTORE_WINDOW_DAYS } from '@/lib/restore-window';
import { RecentImportActions } from './recent-imports';
import { requireUser } from '@/lib/dal';
import { CSV_FIELD_LABELS, CSV_FIELDS } from '@/lib/import/csv';
import { ImportFlow } from './import-flow';
import { ImportShown } from './shown';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  await connection();
  const user = await requireUser();
  const recent = await listRecentImports(user.id);
  return (
    <>
      <PageHeader title="Import contacts or a backup" />
      <ImportShown>
        <ImportFlow fields={CSV_FIELDS.map((f) => ({ value: f, label: CSV_FIELD_LABELS[f] }))} />
        {recent.length ? (
          <Card className="mt-6">
            <h2 className="text-base font-semibold">Recent imports</h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Each can be undone for {RESTORE_WINDOW_DAYS} days: the people it added go to Deleted, and those it updated get back what they had, unless you have
              changed or met them since. An import undone stays listed, with a way to bring its people back.
            </p>
            <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800">
              {recent.map((r) => (
                <li key={r.id} className="py-3">
                  <p id={`import-${r.id}`} className="font-medium wrap-anywhere">
                    {r.source ?? 'An import'}
                  </p>
                  <p id={`import-${r.id}-when`} className="text-sm text-zinc-600 dark:text-zinc-400">
                    {formatDateTime(r.at, user.locale, user.timeZone)} ·{' '}
                    {[r.added ? `${countOf(r.added, 'person', 'people')} added` : '', r.updated ? `${countOf(r.updated, 'person', 'people')} updated` : '']
                      .filter(Boolean)
                      .join(', ') || 'sectors of organisations only'}
                    {r.undoneAt ? ` · undone ${formatDateTime(r.undoneAt, user.locale, user.timeZone)}` : ''}
                    {r.restoredAt ? `, brought back ${formatDateTime(r.restoredAt, user.locale, user.timeZone)}` : ''}
                  </p>
                  <RecentImportActions
                    id={r.id}
                    added={r.added}
                    updated={r.updated}
                    live={r.live}
                    undone={r.undone}
                    describedBy={`import-${r.id} import-${r.id}-when`}
                  />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </ImportShown>
    </>
  );
}
