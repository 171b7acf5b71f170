import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { peopleEndpoints } from '@/lib/people/openapi';

describe('people API docs', () => {
  it('document every people, organisations and sectors endpoint with its query and body', () => {
    const doc = buildOpenApi(peopleEndpoints);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/organisations',
      '/api/v1/organisations/{id}',
      '/api/v1/people',
      '/api/v1/people/{id}',
      '/api/v1/people/{id}/vcard',
      '/api/v1/sectors',
    ]);
    const search = doc.paths['/api/v1/people']!.get as { parameters: { name: string }[] };
    expect(search.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'sector', 'organisation', 'topic', 'event', 'limit', 'cursor']));
    const patch = doc.paths['/api/v1/people/{id}']!.patch as { requestBody?: unknown };
    expect(patch.requestBody).toBeDefined();
  });
});
