import { describe, expect, it } from 'vitest';
import { BACKUP_VERSION } from '@/lib/backup/tables';
import { backupChunks } from '@/lib/backup/write';
import { NotFoundError } from '@/lib/errors';
import { runImport } from '@/lib/import/run';
import { listOrganisationPairs, markOrganisationsNotDuplicate, unmarkOrganisationsNotDuplicate } from '@/lib/organisations/duplicates';
import { mergeOrganisations } from '@/lib/organisations/merge';
import { undoMerge } from '@/lib/merges/undo';
import { deletePerson } from '@/lib/people/queries';
import { makeOrganisation, makePerson } from '../support/fixtures';
import { createTestUser } from '../support/users';

const all = async (gen: AsyncGenerator<string>) => {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
};

/** The pairs as "kept | other (reason) people/people". */
const shown = async (userId: string, about?: string) =>
  (await listOrganisationPairs(userId, { about })).map((p) => `${p.keep.name} | ${p.other.name} (${p.reason}) ${p.keep.people}/${p.other.people}`);

describe('organisations that may be one', () => {
  it('finds initials and spellings among the user’s organisations, the one with more people first, and only theirs', async () => {
    const user = await createTestUser();
    const hmrc = await makeOrganisation(user.id, 'HMRC');
    const full = await makeOrganisation(user.id, 'HM Revenue & Customs', 'Government');
    const office = await makeOrganisation(user.id, 'Cabinet Office');
    await makeOrganisation(user.id, 'Cabinet Ofice');
    await makeOrganisation(user.id, 'BBC News');
    await makePerson(user.id, { role: 'Head of digital', organisationId: full.id });
    await makePerson(user.id, { role: 'Tax inspector', organisationId: full.id });
    await makePerson(user.id, { name: 'Ann Lee', organisationId: hmrc.id });
    // Someone deleted is not counted.
    await deletePerson(user.id, (await makePerson(user.id, { name: 'Deleted Dan', organisationId: office.id })).id);
    // Another user's look-alike is none of this user's business.
    const other = await createTestUser();
    await makeOrganisation(other.id, 'H.M.R.C.');
    await makeOrganisation(other.id, 'Cabinet Office');

    expect(await shown(user.id)).toEqual(['Cabinet Office | Cabinet Ofice (spelling) 0/0', 'HM Revenue & Customs | HMRC (initials) 2/1']);
    expect(await shown(user.id, hmrc.id)).toEqual(['HM Revenue & Customs | HMRC (initials) 2/1']);
    expect(await shown(other.id)).toEqual([]);
  });

  it('"Not the same organisation" keeps a pair from being offered until undone; another user’s pair is not found', async () => {
    const user = await createTestUser();
    const a = await makeOrganisation(user.id, 'DWP');
    const b = await makeOrganisation(user.id, 'Department for Work and Pensions');
    const c = await makeOrganisation(user.id, 'Department for Work & Pensions');
    expect(await shown(user.id)).toHaveLength(3);

    // Said either way round, twice: one answer.
    await markOrganisationsNotDuplicate(user.id, b.id, a.id);
    await markOrganisationsNotDuplicate(user.id, a.id, b.id);
    expect(await shown(user.id)).toEqual([
      'Department for Work & Pensions | Department for Work and Pensions (name) 0/0',
      'Department for Work & Pensions | DWP (initials) 0/0',
    ]);
    expect(await shown(user.id, b.id)).toEqual(['Department for Work & Pensions | Department for Work and Pensions (name) 0/0']);

    const stranger = await createTestUser();
    const theirs = await makeOrganisation(stranger.id, 'DfE');
    await expect(markOrganisationsNotDuplicate(stranger.id, a.id, b.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(markOrganisationsNotDuplicate(stranger.id, theirs.id, a.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unmarkOrganisationsNotDuplicate(stranger.id, a.id, b.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(markOrganisationsNotDuplicate(user.id, a.id, a.id)).rejects.toBeInstanceOf(NotFoundError);

    await unmarkOrganisationsNotDuplicate(user.id, a.id, b.id);
    expect(await shown(user.id)).toHaveLength(3);
    await expect(unmarkOrganisationsNotDuplicate(user.id, a.id, b.id)).rejects.toBeInstanceOf(NotFoundError);

    // Merged, the pair is gone with the name; the merge undone, the two are offered again.
    const merged = await mergeOrganisations(user.id, c.id, a.id);
    expect(await shown(user.id)).toEqual(['Department for Work & Pensions | Department for Work and Pensions (name) 0/0']);
    await undoMerge(user.id, merged.mergeId);
    expect(await shown(user.id)).toHaveLength(3);
    // An organisation merged away cannot be answered about.
    await mergeOrganisations(user.id, c.id, b.id);
    await expect(markOrganisationsNotDuplicate(user.id, a.id, b.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a backup carries the answers: restored beside the account, under new ids, the pair is still not offered', async () => {
    const a = await createTestUser();
    const mod = await makeOrganisation(a.id, 'MoD');
    const full = await makeOrganisation(a.id, 'Ministry of Defence');
    await makePerson(a.id, { name: 'Sam Ray', organisationId: mod.id });
    await markOrganisationsNotDuplicate(a.id, mod.id, full.id);
    const backup = await all(backupChunks(a.id));
    expect(JSON.parse(backup)).toMatchObject({
      version: BACKUP_VERSION,
      organisationNotDuplicates: [expect.objectContaining({ otherId: expect.any(String) })],
    });
    const b = await createTestUser();
    expect((await runImport(b.id, 'backup', backup)).errors).toEqual([]);
    expect(await shown(b.id)).toEqual([]);
    expect((await runImport(b.id, 'backup', backup)).skippedBy).toMatchObject({ organisationNotDuplicates: 1 });
    // Merged since in the account it came from: restored there, the pair's two sides are one organisation (the
    // merged-away name now means the kept one), and the pair is skipped, not a failed restore.
    await mergeOrganisations(a.id, full.id, mod.id);
    const again = await runImport(a.id, 'backup', backup);
    expect(again.errors).toEqual([]);
    expect(again.skippedBy).toMatchObject({ organisationNotDuplicates: 1 });
    expect(await shown(a.id)).toEqual([]);
    // A version 5 backup (before the answer existed) asks again.
    const older = JSON.parse(backup) as Record<string, unknown>;
    delete older.organisationNotDuplicates;
    const c = await createTestUser();
    await runImport(c.id, 'backup', JSON.stringify({ ...older, version: 5 }));
    expect(await shown(c.id)).toEqual(['MoD | Ministry of Defence (initials) 1/0']);
  });
});
