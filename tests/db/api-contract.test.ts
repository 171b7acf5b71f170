import { beforeAll, describe, expect, it, vi } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as calendarIcs from '@/app/api/v1/calendar.ics/route';
import * as eventPost from '@/app/api/v1/events/[id]/post/route';
import * as eventOne from '@/app/api/v1/events/[id]/route';
import * as events from '@/app/api/v1/events/route';
import * as factOne from '@/app/api/v1/facts/[id]/route';
import * as facts from '@/app/api/v1/facts/route';
import * as factFilters from '@/app/api/v1/facts/filters/route';
import * as eventSuggest from '@/app/api/v1/events/suggest/route';
import * as followUpIcs from '@/app/api/v1/follow-ups/[id]/calendar.ics/route';
import * as followUpOne from '@/app/api/v1/follow-ups/[id]/route';
import * as followUps from '@/app/api/v1/follow-ups/route';
import * as interactionOne from '@/app/api/v1/interactions/[id]/route';
import * as interactions from '@/app/api/v1/interactions/route';
import * as organisationOne from '@/app/api/v1/organisations/[id]/route';
import * as organisations from '@/app/api/v1/organisations/route';
import * as personOne from '@/app/api/v1/people/[id]/route';
import * as personVcard from '@/app/api/v1/people/[id]/vcard/route';
import * as people from '@/app/api/v1/people/route';
import * as postPublish from '@/app/api/v1/posts/[id]/publish/route';
import * as postOne from '@/app/api/v1/posts/[id]/route';
import * as postUnpublish from '@/app/api/v1/posts/[id]/unpublish/route';
import * as postRevert from '@/app/api/v1/posts/[id]/revert/route';
import * as posts from '@/app/api/v1/posts/route';
import * as sectors from '@/app/api/v1/sectors/route';
import * as topicMerge from '@/app/api/v1/topics/[id]/merge/route';
import * as topicOne from '@/app/api/v1/topics/[id]/route';
import * as topics from '@/app/api/v1/topics/route';
import * as importRoute from '@/app/api/v1/import/route';
import * as importStream from '@/app/api/v1/import/stream/route';
import * as importUndo from '@/app/api/v1/import/[id]/undo/route';
import * as importRestore from '@/app/api/v1/import/[id]/restore/route';
import * as exportRoute from '@/app/api/v1/export/route';
import * as reviewMarkdown from '@/app/api/v1/review/markdown/route';
import * as review from '@/app/api/v1/review/route';
import { buildOpenApi } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';
import { createApiToken } from '@/lib/api/tokens';
import { createTestUser } from '../support/users';

// Bearer tokens authenticate here, which never touch the session layer (it needs a Next request).
vi.mock('@/lib/dal', () => ({ getCurrentUser: async () => null }));

type Handler = (request: Request, context: never) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>>;

/** Each /api/v1 route module under its OpenAPI path. */
const ROUTES: Record<string, RouteModule> = {
  '/api/v1/calendar.ics': calendarIcs,
  '/api/v1/events': events,
  '/api/v1/events/suggest': eventSuggest,
  '/api/v1/events/{id}': eventOne,
  '/api/v1/events/{id}/post': eventPost,
  '/api/v1/facts': facts,
  '/api/v1/facts/{id}': factOne,
  '/api/v1/facts/filters': factFilters,
  '/api/v1/follow-ups': followUps,
  '/api/v1/follow-ups/{id}': followUpOne,
  '/api/v1/follow-ups/{id}/calendar.ics': followUpIcs,
  '/api/v1/interactions': interactions,
  '/api/v1/interactions/{id}': interactionOne,
  '/api/v1/organisations': organisations,
  '/api/v1/organisations/{id}': organisationOne,
  '/api/v1/people': people,
  '/api/v1/people/{id}': personOne,
  '/api/v1/people/{id}/vcard': personVcard,
  '/api/v1/posts': posts,
  '/api/v1/posts/{id}': postOne,
  '/api/v1/posts/{id}/publish': postPublish,
  '/api/v1/posts/{id}/unpublish': postUnpublish,
  '/api/v1/posts/{id}/revert': postRevert,
  '/api/v1/sectors': sectors,
  '/api/v1/topics': topics,
  '/api/v1/topics/{id}': topicOne,
  '/api/v1/topics/{id}/merge': topicMerge,
  '/api/v1/import': importRoute,
  '/api/v1/import/stream': importStream,
  '/api/v1/import/{id}/undo': importUndo,
  '/api/v1/import/{id}/restore': importRestore,
  '/api/v1/export': exportRoute,
  '/api/v1/review': review,
  '/api/v1/review/markdown': reviewMarkdown,
};

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
const doc = buildOpenApi(endpoints) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};

// OpenAPI 3.0 schemas are JSON Schema with `nullable`, which Ajv knows; formats (uuid, date-time) are checked too.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ components: doc.components }, 'openapi');
const resolveRefs = (schema: object): object => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

let token: string;
const exercised = new Set<string>();

/**
 * Calls a route in-process and checks the real answer against the document: the status is one documented for
 * that path and method, the content type is the documented one, and a JSON body validates against its schema.
 */
async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  docPath: string,
  params: Record<string, string> = {},
  body?: unknown,
  query = '',
  file?: { type: string; text: string },
) {
  const handler = ROUTES[docPath]?.[method];
  if (!handler) throw new Error(`No ${method} handler for ${docPath}`);
  const url = docPath.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!) + query;
  const response = await handler(
    new Request(`http://rapport.test${url}`, {
      method,
      body: file ? file.text : body === undefined ? undefined : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${token}`,
        ...(file ? { 'content-type': file.type } : body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    }),
    { params: Promise.resolve(params) } as never,
  );
  const operation = doc.paths[docPath]?.[method.toLowerCase()];
  expect(operation, `${method} ${docPath} is documented`).toBeDefined();
  const documented = operation!.responses[String(response.status)];
  expect(documented, `${method} ${url} answered ${response.status}, which the document does not list`).toBeDefined();
  exercised.add(`${method} ${docPath} ${response.status}`);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = documented!.content;
  if (!content) {
    expect(await response.text(), `${method} ${url} ${response.status} has no documented body`).toBe('');
    return { status: response.status, body: undefined };
  }
  expect(Object.keys(content), `${method} ${url} ${response.status} content type`).toContain(contentType);
  if (!contentType.endsWith('json') || contentType === 'application/x-ndjson' || (contentType === 'application/json' && docPath === '/api/v1/export'))
    return { status: response.status, body: undefined };
  const json = await response.json();
  const validate = ajv.compile(resolveRefs(content[contentType]!.schema));
  const valid = validate(json);
  expect(valid ? [] : validate.errors, `${method} ${url} ${response.status} matches the document`).toEqual([]);
  return { status: response.status, body: json as Record<string, unknown> & { id: string } };
}

beforeAll(async () => {
  token = (await createApiToken((await createTestUser()).id, 'contract')).token;
});

describe('every /api/v1 response matches the OpenAPI document', () => {
  it('answers what the document says, for every route, on success and on refusal', async () => {
    const person = (await call('POST', '/api/v1/people', {}, { name: 'Lin Chen', organisationName: 'City Council', email: 'lin@example.test' })).body!;
    expect((await call('GET', '/api/v1/people', {}, undefined, '?q=lin')).status).toBe(200);
    await call('POST', '/api/v1/people', {}, { name: 'Ada Byrne' });
    const byName = await call('GET', '/api/v1/people', {}, undefined, '?sort=name&limit=1');
    expect((byName.body as unknown as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(['Ada Byrne']);
    const nextByName = (byName.body as unknown as { nextCursor: string }).nextCursor;
    const page2 = await call('GET', '/api/v1/people', {}, undefined, `?sort=name&limit=1&cursor=${nextByName}`);
    expect((page2.body as unknown as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(['Lin Chen']);
    const sideways = await call('GET', '/api/v1/people', {}, undefined, '?sort=sideways');
    expect(sideways.status).toBe(400);
    expect(JSON.stringify(sideways.body)).toContain('sort');
    expect((await call('GET', '/api/v1/people/{id}', { id: person.id })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/people/{id}', { id: person.id }, { role: 'Data lead', version: person.version })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/people/{id}', { id: person.id }, { role: 'Stale', version: person.version })).status).toBe(409);
    expect((await call('PATCH', '/api/v1/people/{id}', { id: person.id }, { email: 7 })).status).toBe(400);
    expect((await call('GET', '/api/v1/people/{id}/vcard', { id: person.id })).status).toBe(200);
    expect((await call('GET', '/api/v1/people/{id}', { id: crypto.randomUUID() })).status).toBe(404);

    const event = (
      await call(
        'POST',
        '/api/v1/events',
        {},
        {
          title: 'Open Data Breakfast',
          series: 'Open Data Breakfasts',
          startsAt: '2026-05-12T08:00:00+01:00',
          topics: ['open data'],
          people: [{ name: 'Sam Okafor', organisation: 'City Council', sector: 'Government', relation: 'spoke' }],
          insights: [{ text: 'Half of datasets are never downloaded', personIndex: 0 }],
          followUps: [{ action: 'Email Sam', due: '2026-05-19', personIndex: 0 }],
        },
      )
    ).body!;
    expect((await call('GET', '/api/v1/events')).status).toBe(200);
    expect((await call('GET', '/api/v1/events/{id}', { id: event.id })).status).toBe(200);
    const week = await call('GET', '/api/v1/review', {}, undefined, '?week=2026-W20');
    expect(week.status).toBe(200);
    expect((week.body as unknown as { events: { title: string }[] }).events.map((e) => e.title)).toEqual(['Open Data Breakfast']);
    expect((await call('GET', '/api/v1/review', {}, undefined, '?week=2026-W99')).status).toBe(400);
    expect((await call('GET', '/api/v1/review/markdown', {}, undefined, '?week=2026-05-14')).status).toBe(200);
    for (const kind of ['people', 'organisations', 'sectors', 'series', 'topics']) {
      const found = await call('GET', '/api/v1/events/suggest', {}, undefined, `?kind=${kind}&q=${kind === 'people' ? 'sam' : 'o'}`);
      expect(found.status).toBe(200);
      const items = (found.body as unknown as { items: Record<string, unknown>[] }).items;
      expect(items.length, `suggest ${kind}`).toBeGreaterThan(0);
      // Each kind keeps its own fields through the response schema (a person is not cut down to an organisation).
      if (kind === 'people') expect(Object.keys(items[0]!)).toEqual(expect.arrayContaining(['id', 'version', 'lastMet', 'openFollowUps']));
      if (kind === 'organisations') expect(items[0]).toEqual({ name: 'City Council', sector: 'Government' });
    }
    expect((await call('PATCH', '/api/v1/events/{id}', { id: event.id }, { title: 'Open Data Breakfast, May', version: event.version })).status).toBe(200);
    const stale = await call('PATCH', '/api/v1/events/{id}', { id: event.id }, { title: 'Stale', version: event.version });
    expect(stale.status).toBe(409);
    expect((stale.body as unknown as { current: { title: string } }).current.title).toBe('Open Data Breakfast, May');

    const found = await call('GET', '/api/v1/facts', {}, undefined, '?q=datsets%20never');
    expect(found.status).toBe(200);
    const fact = (found.body as unknown as { items: { id: string; text: string }[] }).items[0]!;
    expect(fact.text).toBe('Half of datasets are never downloaded');
    expect((await call('GET', '/api/v1/facts', {}, undefined, '?speaker=nope')).status).toBe(400);
    const choices = await call('GET', '/api/v1/facts/filters', {}, undefined, `?event=${event.id}`);
    expect(choices.status).toBe(200);
    expect((choices.body as unknown as { events: { id: string }[] }).events.map((e) => e.id)).toContain(event.id);
    expect((await call('GET', '/api/v1/facts/filters', {}, undefined, '?event=nope')).status).toBe(400);
    expect((await call('GET', '/api/v1/facts/{id}', { id: fact.id })).status).toBe(200);
    const marked = await call('PATCH', '/api/v1/facts/{id}', { id: fact.id }, { offTheRecord: true });
    expect(marked.status).toBe(200);
    expect(marked.body!.offTheRecord).toBe(true);
    expect((await call('PATCH', '/api/v1/facts/{id}', { id: fact.id }, { offTheRecord: 'yes' })).status).toBe(400);
    expect((await call('PATCH', '/api/v1/facts/{id}', { id: crypto.randomUUID() }, { offTheRecord: false })).status).toBe(404);

    await call('POST', '/api/v1/events', {}, { title: 'Gov evening', startsAt: '2026-05-20T18:00:00Z', topics: ['Open government'] });
    const topicList = await call('GET', '/api/v1/topics', {}, undefined, '?sort=used');
    expect(topicList.status).toBe(200);
    const topicItems = (topicList.body as unknown as { items: { id: string; name: string; events: number; facts: number }[] }).items;
    const openData = topicItems.find((t) => t.name === 'open data')!;
    const openGov = topicItems.find((t) => t.name === 'Open government')!;
    expect([openData.events, openData.facts]).toEqual([1, 1]);
    expect((await call('GET', '/api/v1/topics', {}, undefined, '?sort=sideways')).status).toBe(400);
    expect((await call('GET', '/api/v1/topics/{id}', { id: openData.id })).status).toBe(200);
    const renamed = await call('PATCH', '/api/v1/topics/{id}', { id: openData.id }, { name: 'Open Data' });
    expect(renamed.status).toBe(200);
    expect(renamed.body!.name).toBe('Open Data');
    expect((await call('PATCH', '/api/v1/topics/{id}', { id: openData.id }, { name: 'open  GOVERNMENT' })).status).toBe(409);
    expect((await call('PATCH', '/api/v1/topics/{id}', { id: openData.id }, { name: '' })).status).toBe(400);
    expect((await call('POST', '/api/v1/topics/{id}/merge', { id: openGov.id }, { into: 'nope' })).status).toBe(400);
    const mergedTopic = await call('POST', '/api/v1/topics/{id}/merge', { id: openGov.id }, { into: openData.id });
    expect(mergedTopic.status).toBe(200);
    expect((await call('GET', '/api/v1/topics/{id}', { id: openGov.id })).status).toBe(404);
    expect((await call('GET', '/api/v1/topics/{id}', { id: openData.id })).body!.events).toBe(2);

    const followUp = (await call('POST', '/api/v1/follow-ups', {}, { action: 'Send Lin the report', due: '2026-06-01', personId: person.id })).body!;
    expect((await call('GET', '/api/v1/follow-ups')).status).toBe(200);
    expect((await call('GET', '/api/v1/follow-ups/{id}', { id: followUp.id })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/follow-ups/{id}', { id: followUp.id }, { status: 'done', version: followUp.version })).status).toBe(200);
    expect((await call('GET', '/api/v1/follow-ups/{id}/calendar.ics', { id: followUp.id })).status).toBe(200);
    expect((await call('GET', '/api/v1/calendar.ics')).status).toBe(200);

    // Keep in touch: a cadence on the person, logged contacts, and the due date they make.
    const withCadence = await call('GET', '/api/v1/people/{id}', { id: person.id });
    const cadenced = await call(
      'PATCH',
      '/api/v1/people/{id}',
      { id: person.id },
      { keepInTouch: { unit: 'days', every: 30 }, version: withCadence.body!.version },
    );
    expect(cadenced.status).toBe(200);
    expect(cadenced.body!.keepInTouch).toEqual({ unit: 'days', every: 30 });
    expect((await call('PATCH', '/api/v1/people/{id}', { id: person.id }, { keepInTouch: { unit: 'days', every: 0 }, version: 99 })).status).toBe(400);
    const coffee = (await call('POST', '/api/v1/interactions', {}, { personId: person.id, kind: 'coffee', occurredOn: '2026-03-02', note: 'Flat white' }))
      .body!;
    expect((await call('GET', '/api/v1/people/{id}', { id: person.id })).body).toMatchObject({
      lastContactAt: expect.any(String),
      nextContactDue: expect.any(String),
    });
    expect((await call('POST', '/api/v1/interactions', {}, { personId: person.id, kind: 'lunch' })).status).toBe(400);
    expect((await call('POST', '/api/v1/interactions', {}, { personId: crypto.randomUUID(), kind: 'call' })).status).toBe(404);
    const listed = await call('GET', '/api/v1/interactions', {}, undefined, `?personId=${person.id}&limit=1`);
    expect((listed.body as unknown as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([coffee.id]);
    expect((await call('GET', '/api/v1/interactions', {}, undefined, '?cursor=nonsense')).status).toBe(400);
    expect((await call('GET', '/api/v1/interactions/{id}', { id: coffee.id })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/interactions/{id}', { id: coffee.id }, { note: 'Oat flat white', version: coffee.version })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/interactions/{id}', { id: coffee.id }, { note: 'Stale', version: coffee.version })).status).toBe(409);
    expect((await call('GET', '/api/v1/interactions/{id}', { id: crypto.randomUUID() })).status).toBe(404);
    const peopleList = await call('GET', '/api/v1/people', {}, undefined, '?q=lin');
    expect((peopleList.body as unknown as { items: Record<string, unknown>[] }).items[0]).toMatchObject({
      keepInTouch: { unit: 'days', every: 30 },
      lastContactAt: expect.any(String),
      nextContactDue: expect.any(String),
    });
    expect((await call('DELETE', '/api/v1/interactions/{id}', { id: coffee.id })).status).toBe(204);

    const organisationId = (person.organisation as { id: string }).id;
    expect((await call('GET', '/api/v1/organisations')).status).toBe(200);
    expect((await call('GET', '/api/v1/sectors')).status).toBe(200);
    expect((await call('GET', '/api/v1/organisations/{id}', { id: organisationId })).status).toBe(200);

    const post = (await call('POST', '/api/v1/events/{id}/post', { id: event.id }, { style: 'summary' })).body!;
    expect((await call('GET', '/api/v1/posts')).status).toBe(200);
    expect((await call('GET', '/api/v1/posts/{id}', { id: post.id })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/posts/{id}', { id: post.id }, { title: 'A May morning', version: post.version })).status).toBe(200);
    expect((await call('POST', '/api/v1/posts/{id}/publish', { id: post.id })).status).toBe(200);
    // Edited once out: held from readers, put back.
    const edited = await call('PATCH', '/api/v1/posts/{id}', { id: post.id }, { title: 'A May evening', version: Number(post.version) + 1 });
    expect(edited).toMatchObject({ status: 200, body: { unpublishedChanges: true } });
    expect((await call('POST', '/api/v1/posts/{id}/revert', { id: post.id }, { version: Number(post.version) + 1 })).status).toBe(409);
    expect((await call('POST', '/api/v1/posts/{id}/revert', { id: post.id }, { version: edited.body!.version })).status).toBe(200);
    expect((await call('POST', '/api/v1/posts/{id}/unpublish', { id: post.id })).status).toBe(200);

    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Ada Byron\nEMAIL:ada@example.test\nEND:VCARD\n';
    expect((await call('POST', '/api/v1/import', {}, undefined, '?dryRun=true', { type: 'text/vcard', text: card })).status).toBe(200);
    const imported = await call('POST', '/api/v1/import', {}, undefined, '', { type: 'text/vcard', text: card });
    expect(imported.status).toBe(200);
    const undoId = String(imported.body!.undoId);
    expect((await call('POST', '/api/v1/import/{id}/undo', { id: undoId })).status).toBe(200);
    expect((await call('POST', '/api/v1/import/{id}/undo', { id: undoId })).status).toBe(404);
    expect(await call('POST', '/api/v1/import/{id}/restore', { id: undoId })).toMatchObject({ status: 200, body: { restored: 1, skipped: 0 } });
    expect(await call('POST', '/api/v1/import/{id}/restore', { id: undoId })).toMatchObject({ status: 200, body: { restored: 0, skipped: 0 } });
    expect((await call('POST', '/api/v1/import', {}, undefined, '', { type: 'text/vcard', text: card })).status).toBe(200);
    expect((await call('POST', '/api/v1/import', {}, undefined, '', { type: 'image/png', text: 'x' })).status).toBe(415);
    expect((await call('POST', '/api/v1/import/stream', {}, { kind: 'vcard', content: card })).status).toBe(200);
    expect((await call('GET', '/api/v1/export', {}, undefined, '?format=vcard')).status).toBe(200);

    expect((await call('DELETE', '/api/v1/posts/{id}', { id: post.id })).status).toBe(204);
    expect((await call('DELETE', '/api/v1/follow-ups/{id}', { id: followUp.id })).status).toBe(204);
    expect((await call('DELETE', '/api/v1/events/{id}', { id: event.id })).status).toBe(204);
    expect((await call('DELETE', '/api/v1/people/{id}', { id: person.id })).status).toBe(204);

    // Every documented /api/v1 operation was called at least once.
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && path !== '/api/v1/openapi.json')
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const called = new Set([...exercised].map((e) => e.split(' ').slice(0, 2).join(' ')));
    expect(documented.filter((op) => !called.has(op))).toEqual([]);
  });
});
