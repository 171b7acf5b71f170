import { z } from 'zod';

/** One documented endpoint. Features list theirs in `lib/<feature>/openapi.ts` and register them below. */
export interface EndpointDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/api/v1/events/{id}`. */
  path: string;
  summary: string;
  tags?: string[];
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status code → description and optional schema (JSON unless `contentType` says otherwise). */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string | string[] }>;
  /** A body that is a file rather than JSON (e.g. an import): its accepted media types. */
  fileBody?: { contentTypes: string[]; description: string };
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
}

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** Builds the OpenAPI 3.0 document from the registered endpoints' zod schemas. */
export function buildOpenApi(endpoints: EndpointDoc[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of endpoints) {
    const parameters: unknown[] = [];
    for (const match of ep.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({
        name: match[1],
        in: 'path',
        required: true,
        schema: match[1] === 'id' ? { type: 'string', format: 'uuid' } : { type: 'string' },
      });
    }
    if (ep.query) {
      for (const [name, schema] of Object.entries(ep.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        });
      }
    }
    if (ep.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Retries with the same key return the first answer instead of writing twice.',
        schema: { type: 'string', minLength: 8, maxLength: 200 },
      });
    }
    const responses: Record<string, unknown> = {};
    // A stale write answers 409 with the saved copy under `current`, in the same shape as the success answer.
    const saved = Object.entries(ep.responses).find(([status]) => Number(status) < 300)?.[1].schema;
    for (const [status, r] of Object.entries(ep.responses)) {
      const schema = r.schema ?? (status === '409' ? problemSchema.extend({ current: saved ?? z.unknown() }) : undefined);
      const contentType = r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
      responses[status] = {
        description: r.description,
        ...(schema ? { content: Object.fromEntries([contentType].flat().map((t) => [t, { schema: jsonSchema(schema, 'output') }])) } : {}),
      };
    }
    const write = ep.method !== 'get';
    const common: Record<string, string> = {
      '400': 'Invalid input, with the failing fields in `errors`',
      '401': 'Not signed in, or an API token that is unknown, expired or revoked',
      '404': 'Not found, or not yours',
      ...(write
        ? {
            '403': 'A read-only API token, or a cookie-authenticated write from another origin',
            '429': 'Over the per-user limit of writes a minute; see Retry-After',
          }
        : {}),
      ...(write && ep.body ? { '413': 'The body is over 1 MB', '415': 'The body is not application/json' } : {}),
    };
    for (const [status, description] of Object.entries(common)) {
      responses[status] ??= {
        description,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    (paths[ep.path] ??= {})[ep.method] = {
      summary: ep.summary,
      tags: ep.tags,
      parameters,
      ...(ep.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(ep.body, 'input') } } } } : {}),
      ...(ep.fileBody
        ? {
            requestBody: {
              required: true,
              description: ep.fileBody.description,
              content: Object.fromEntries(ep.fileBody.contentTypes.map((t) => [t, { schema: { type: 'string' } }])),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Rapport API',
      version: '1',
      description:
        'Authenticate with "Authorization: Bearer <token>" (Settings → API tokens) or, from the app itself, the session cookie. ' +
        'A token is created with your password, may read only or read and write (a read-only token gets 403 on POST, PATCH and DELETE), ' +
        'and expires after 30, 90 (the default) or 365 days, or never; an expired or revoked token gets 401. ' +
        'Errors are application/problem+json (RFC 9457).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token from Settings → API tokens: read-only or read and write, with an expiry.' },
        // Over HTTPS the cookie is __Secure-authjs.session-token.
        cookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
