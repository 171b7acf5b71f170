import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { endpoints } from '@/lib/api/registry';

const root = path.resolve(__dirname, '../..');

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === 'route.ts' ? [full] : [];
  });
}

describe('the OpenAPI document', () => {
  it('describes every method of every /api/v1 route handler', () => {
    const documented = buildOpenApi(endpoints).paths as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    let checked = 0;
    for (const file of routeFiles(path.join(root, 'app/api/v1'))) {
      const route = '/' + path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep).join('/');
      if (route === '/api/v1/openapi.json') continue;
      const openApiPath = route.replace(/\[(\w+)\]/g, '{$1}');
      const source = fs.readFileSync(file, 'utf8');
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!);
      expect(methods.length, file).toBeGreaterThan(0);
      for (const method of methods) {
        checked++;
        if (!documented[openApiPath]?.[method.toLowerCase()]) missing.push(`${method} ${openApiPath}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

describe('the OpenAPI document on tokens', () => {
  it('says a read-only token gets 403 on writes and an expired one 401', () => {
    const doc = buildOpenApi(endpoints);
    const paths = doc.paths as Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    const post = paths['/api/v1/people']!.post!;
    expect(post.responses['403']!.description).toMatch(/read-only API token/);
    expect(post.responses['401']!.description).toMatch(/expired/);
    expect(paths['/api/v1/people']!.get!.responses['403']).toBeUndefined();
    expect(doc.info.description).toMatch(/read-only/);
  });
});
