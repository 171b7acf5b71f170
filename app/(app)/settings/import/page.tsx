import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { CSV_FIELD_LABELS, CSV_FIELDS } from '@/lib/import/csv';
import { ImportFlow } from './import-flow';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  await connection();
  await requireUser();
  return (
    <>
      <PageHeader title="Import contacts or a backup" />
      <ImportFlow fields={CSV_FIELDS.map((f) => ({ value: f, label: CSV_FIELD_LABELS[f] }))} />
    </>
  );
}
