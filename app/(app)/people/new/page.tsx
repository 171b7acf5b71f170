import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Card, PageHeader } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { listFilterOptions } from '@/lib/people/filter-options';
import { listSectorChoices } from '@/lib/sectors/queries';
import { createPersonAction } from '../actions';
import { PersonForm } from '../_components/person-form';
import { formDefaults } from '../_components/person-form-defaults';

export const metadata: Metadata = { title: 'Add a person' };

export default async function NewPersonPage() {
  await connection();
  const user = await requireUser();
  const [sectors, options] = await Promise.all([listSectorChoices(user.id), listFilterOptions(user.id)]);
  return (
    <>
      <PageHeader title="Add a person" description="Someone you know outside an event. People you meet at events are added when you log the event." />
      <Card>
        <PersonForm
          action={createPersonAction}
          defaults={formDefaults(null)}
          sectors={sectors}
          organisations={options.organisations.map((o) => o.name)}
          submitLabel="Add person"
        />
      </Card>
    </>
  );
}
