import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { POST as importRoute } from '@/app/api/v1/import/route';
import { db } from '@/db/client';
import { organisations, people } from '@/db/schema';
import { buildOpenApi } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';
import { createApiToken } from '@/lib/api/tokens';
import { ImportRefusedError } from '@/lib/import/apply';
import { previewImport, runImport } from '@/lib/import/run';
import { callRoute } from '../support/api';
import { createTestUser } from '../support/users';

// Bearer tokens authenticate here, which never touch the session layer (it needs a Next request).
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

/** A LinkedIn Connections.csv whose line 10 has an email that is not one, with blank rows and a row of nothing. */
const CONNECTIONS = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On', // 1
  'Amara,Nwosu,,amara@nhs.example,NHS England,CCIO,12 Jan 2024', // 2
  'Ben,Okafor,,,Hartley Council,Planner,', // 3
  'Carla,Diaz,,,Northbank Bank,Analyst,', // 4
  'Dev,Rao,,,Acme Robotics,CTO,', // 5
  'Eve,Stone,,,Acme Robotics,Engineer,', // 6
  'Femi,Adeyemi,,,Lumen Studio,Designer,', // 7
  'Gus,Berg,,,,Consultant,', // 8
  'Hana,Sato,,,Hartley Council,Officer,', // 9
  'Sofia,Rossi,,sofia@not-an-email,Lumen Studio,Art Director,03 Mar 2023', // 10
  ',,,,,,', // 11: blank
  ',,,only-an-email@example.test,,,', // 12: nothing to know them by
  ' , ,,,,, ', // 13: blank (white space only)
  'Ivo,Petrov,,,Keel Partners,Partner,', // 14
].join('\n');

const SOFIA = 'Email ‘sofia@not-an-email’ is not an address: kept in the notes';

describe('import: one bad field costs the field, not the row', () => {
  it('imports Sofia without the bad email and says so on her row; names rows left out and counts blank lines', async () => {
    const user = await createTestUser();
    const preview = await previewImport(user.id, 'csv', CONNECTIONS);
    expect(preview).toMatchObject({
      created: 10,
      updated: 0,
      skipped: 0,
      errors: [{ line: 12, message: 'No name, role or organisation to know them by' }],
      notes: [`Line 10: ${SOFIA}`],
      blankLines: 2,
    });
    expect(preview.rows.find((r) => r.line === 10)).toMatchObject({
      name: 'Sofia Rossi',
      organisation: 'Lumen Studio',
      role: 'Art Director',
      email: null,
      warnings: [SOFIA],
    });
    expect(preview.rows.filter((r) => r.warnings.length).map((r) => r.line)).toEqual([10]);

    // A row left out still refuses the import as a whole until the good rows are chosen: nothing half-written.
    const refused = await runImport(user.id, 'csv', CONNECTIONS).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect((refused as ImportRefusedError).message).toBe('1 row cannot be imported; nothing was written.');
    expect((refused as ImportRefusedError).errors).toEqual([{ line: 12, message: 'No name, role or organisation to know them by' }]);

    const result = await runImport(user.id, 'csv', CONNECTIONS, { goodRows: true });
    expect(result).toEqual({
      created: 10,
      updated: 0,
      skipped: 0,
      errors: [{ line: 12, message: 'No name, role or organisation to know them by' }],
      notes: [`Line 10: ${SOFIA}`],
      blankLines: 2,
      undoId: expect.any(String),
    });
    const [sofia] = await db
      .select({ email: people.email, role: people.role, notes: people.notes, org: organisations.name })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.name, 'Sofia Rossi'));
    expect(sofia).toEqual({
      email: null,
      role: 'Art Director',
      org: 'Lumen Studio',
      notes: 'Connected on LinkedIn on 03 Mar 2023\n\nEmail: sofia@not-an-email',
    });
    // The same file again: Sofia is found by name at her organisation, and nothing is new.
    expect(await runImport(user.id, 'csv', CONNECTIONS, { goodRows: true })).toMatchObject({ created: 0, updated: 0, skipped: 10 });
  });

  it.each([
    ['a phone that is not one', 'Zed,Zed Co,,ask reception,,', { phone: null }, ['Phone ‘ask reception’ is not a phone number: kept in the notes']],
    ['a web address that is not one', 'Zed,Zed Co,,,not a link,', { links: [] }, ['Web address ‘not a link’ is not a web address: kept in the notes']],
    ['a category too long for a topic', `Zed,Zed Co,,,,${'x'.repeat(61)}`, {}, [`Category ‘${'x'.repeat(61)}’ is too long for a topic: kept in the notes`]],
    ['a name too long for a name', `${'N'.repeat(201)},Zed Co,,,,`, { name: null }, [`Name ‘${'N'.repeat(77)}…’ is too long for a name: kept in the notes`]],
    ['a character that cannot be saved', 'Ze\u0000d,Zed Co,,,,', { name: 'Zed' }, ['Name: a character that cannot be saved was taken out']],
    [
      'two bad fields',
      'Zed,Zed Co,zed@@example,ask reception,,',
      { email: null, phone: null },
      ['Email ‘zed@@example’ is not an address: kept in the notes', 'Phone ‘ask reception’ is not a phone number: kept in the notes'],
    ],
  ])('%s: the row is imported, with a warning', async (_, row, person, warnings) => {
    const user = await createTestUser();
    const file = `Name,Company,Mail,Phone,Web,Labels\n${row}\n`;
    const mapping = ['name', 'organisation', 'email', 'phone', 'link', 'categories'] as const;
    const preview = await previewImport(user.id, 'csv', file, { mapping: [...mapping] });
    expect(preview.errors).toEqual([]);
    expect(preview.rows[0]!.warnings).toEqual(warnings);
    expect(await runImport(user.id, 'csv', file, { mapping: [...mapping] })).toMatchObject({ created: 1, errors: [] });
    const [saved] = await db.select().from(people).where(eq(people.userId, user.id));
    expect(saved).toMatchObject(person);
    expect(saved!.notes ?? '').not.toContain('\u0000');
  });

  it('notes over the limit lose the end of their own text, never a value set aside, and no emoji is split', async () => {
    const user = await createTestUser();
    // 4,999 emoji (two UTF-16 units each) and one letter: a cut at 10,000 units less what was set aside falls mid-emoji.
    const long = `${'😀'.repeat(4_999)}x`;
    const file = `Name,Company,Mail,Notes\nZed,Zed Co,zed@@example,${long}\n`;
    const mapping = ['name', 'organisation', 'email', 'notes'] as const;
    const preview = await previewImport(user.id, 'csv', file, { mapping: [...mapping] });
    expect(preview.errors).toEqual([]);
    expect(preview.rows[0]!.warnings).toEqual(['Email ‘zed@@example’ is not an address: kept in the notes', 'Notes over 10,000 characters: cut short']);
    await runImport(user.id, 'csv', file, { mapping: [...mapping] });
    const [saved] = await db.select().from(people).where(eq(people.userId, user.id));
    expect(saved!.notes!.endsWith('Email: zed@@example')).toBe(true);
    expect(saved!.notes!.length).toBeLessThanOrEqual(10_000);
    expect(saved!.notes).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('the JSON API answers the warnings, the rows left out and the blank lines, in the shapes its document gives', async () => {
    const user = await createTestUser();
    const { token } = await createApiToken(user.id, 'import');
    const doc = buildOpenApi(endpoints) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
      components: { schemas: Record<string, object> };
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: doc.components }, 'openapi');
    const schema = JSON.parse(
      JSON.stringify(doc.paths['/api/v1/import']!.post!.responses['200']!.content['application/json']!.schema).replaceAll(
        '"#/components/',
        '"openapi#/components/',
      ),
    );
    const validate = ajv.compile(schema);
    const post = async (query: string) => {
      const response = await callRoute(importRoute, 'POST', `/api/v1/import${query}`, { token, body: CONNECTIONS, headers: { 'content-type': 'text/csv' } });
      const body = await response.json();
      expect(validate(body) ? [] : validate.errors).toEqual([]);
      return { status: response.status, body };
    };

    const dryRun = await post('?dryRun=true');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ blankLines: 2, notes: [`Line 10: ${SOFIA}`], errors: [{ line: 12 }] });
    expect(dryRun.body.rows.find((r: { line: number }) => r.line === 10)).toMatchObject({ email: null, warnings: [SOFIA] });

    const refused = await callRoute(importRoute, 'POST', '/api/v1/import', { token, body: CONNECTIONS, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errors: [{ line: 12, message: 'No name, role or organisation to know them by' }] });

    const done = await post('?goodRows=true');
    expect(done).toEqual({
      status: 200,
      body: {
        created: 10,
        updated: 0,
        skipped: 0,
        errors: [{ line: 12, message: 'No name, role or organisation to know them by' }],
        notes: [`Line 10: ${SOFIA}`],
        blankLines: 2,
        undoId: expect.any(String),
      },
    });
  });
});
