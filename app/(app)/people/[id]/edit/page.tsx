import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { Card } from '@/app/_components/ui/card';
import { requireUser } from '@/lib/dal';
import { NotFoundError } from '@/lib/errors';
import { listFilterOptions } from '@/lib/people/filter-options';
import { getPerson } from '@/lib/people/queries';
import { listSectorChoices } from '@/lib/sectors/queries';
import { updatePersonAction } from '../../actions';
import { PersonForm } from '../../_components/person-form';
import { formDefaults } from '../../_components/person-form-defaults';

export const metadata: Metadata = { title: 'Edit person' };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireUser();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const person = await getPerson(user.id, id.data).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [sectors, options] = await Promise.all([listSectorChoices(user.id), listFilterOptions(user.id)]);
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href={`/people/${person.id}`} className="text-accent-700 hover:underline dark:text-accent-400">
          {person.displayName}
        </Link>
      </p>
      <h1 className="mb-5 text-2xl font-semibold tracking-tight">Edit</h1>
      <Card>
        <PersonForm
          action={updatePersonAction.bind(null, person.id)}
          defaults={formDefaults(person)}
          sectors={sectors}
          organisations={options.organisations.map((o) => o.name)}
          submitLabel="Save changes"
        />
      </Card>
    </>
  );
}
