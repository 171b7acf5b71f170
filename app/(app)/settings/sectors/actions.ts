'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, refuse, type ActionResult } from '@/lib/actions/form-action';
import { UserFacingError } from '@/lib/errors';
import { cadenceFormSchema } from '@/lib/people/cadence-schema';
import { setSectorCadence } from '@/lib/keep-in-touch/queries';
import { SectorMergeConflictError } from '@/lib/sectors/merge';
import { createSector, deleteSector, renameSector, sectorNameSchema } from '@/lib/sectors/queries';

const NOT_FOUND = 'That sector was not found.';

/** A sector's keep-in-touch default: '' or 'none' for none, a preset, or a number of days. */
export const setSectorCadenceAction = formAction(
  z.object({
    id: z.uuid(NOT_FOUND),
    version: z.coerce.number().int().min(1),
    keepInTouch: z.string().max(20),
    keepInTouchDays: z.string().max(10),
    fromToday: z.literal('on').optional(),
  }),
  async ({ user, input }) => {
    const cadence = cadenceFormSchema.safeParse(input);
    if (!cadence.success) {
      const days = cadence.error.issues.find((i) => i.path[0] === 'keepInTouchDays');
      throw new UserFacingError('Check how often.', 400, days ? { keepInTouchDays: [days.message] } : { keepInTouch: ['Choose how often'] });
    }
    return setSectorCadence(user.id, input.id, cadence.data, input.version, { fromToday: input.fromToday === 'on' });
  },
  {
    name: 'sectors.keep-in-touch',
    input: (formData) => ({
      id: formData.get('id'),
      version: formData.get('version'),
      keepInTouch: formData.get('keepInTouch') ?? '',
      keepInTouchDays: formData.get('keepInTouchDays') ?? '',
      fromToday: formData.get('fromToday') ?? undefined,
    }),
    notFoundMessage: NOT_FOUND,
    conflictMessage: () => 'This sector was changed since you opened the page. Reload to see it.',
    after: ({ dueNow, countedFromToday }) => {
      revalidatePath('/', 'layout');
      const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
      const parts = [
        'Saved.',
        countedFromToday ? `${people(countedFromToday)} not in touch for longer will be due a cadence from today.` : '',
        dueNow ? `${people(dueNow)} in this sector ${dueNow === 1 ? 'is' : 'are'} due a contact now: see Get back in touch.` : '',
      ];
      return { ok: true, message: parts.filter(Boolean).join(' ') };
    },
  },
);

function done(message: string): ActionResult<never> {
  revalidatePath('/settings');
  revalidatePath('/people');
  revalidatePath('/organisations');
  return { ok: true, message };
}

/** Adds a sector. */
export const addSectorAction = formAction(
  z.object({ name: sectorNameSchema }),
  async ({ user, input }) => {
    await createSector(user.id, input.name);
    return input.name;
  },
  { name: 'sectors.add', after: (name) => done(`Added ${name}.`) },
);

/** Renames a sector. */
export const renameSectorAction = formAction(
  z.object({ id: z.uuid(NOT_FOUND), name: sectorNameSchema }),
  async ({ user, input }) => {
    await renameSector(user.id, input.id, input.name);
  },
  { name: 'sectors.rename', notFoundMessage: NOT_FOUND, after: () => done('Renamed.') },
);

/** Deletes a sector, moving its people and organisations to the chosen one (a merge) when it is in use. */
export const deleteSectorAction = formAction(
  z.object({
    id: z.uuid(NOT_FOUND),
    reassignTo: z.union([z.literal(''), z.uuid(NOT_FOUND)]).default(''),
    version: z.coerce.number().int().min(1).optional(),
  }),
  async ({ user, input }) => {
    try {
      const result = await deleteSector(user.id, input.id, input.reassignTo || null, { fromVersion: input.version });
      return { message: input.reassignTo ? 'Merged.' : 'Deleted.', mergeId: result?.mergeId };
    } catch (err) {
      if (err instanceof SectorMergeConflictError) {
        const { from, into } = err.current;
        refuse({
          status: 409,
          message: `Changed since you opened this page: now “${from.name}” (merging into “${into.name}”). Nothing was merged: try again to go ahead.`,
          values: { version: String(from.version) },
        });
      }
      throw err;
    }
  },
  {
    name: 'sectors.delete',
    input: (formData) => ({ id: formData.get('id'), reassignTo: formData.get('reassignTo') ?? '', version: formData.get('version') || undefined }),
    notFoundMessage: NOT_FOUND,
    after: ({ message, mergeId }) => {
      // After a merge, the page says so with the way back (the merged sector's row is gone, and its form with it).
      if (mergeId) {
        done(message);
        redirect(`/settings?merged=${mergeId}#sectors`);
      }
      return done(message);
    },
  },
);
