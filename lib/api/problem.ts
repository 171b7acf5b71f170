import type { z } from 'zod';

export interface FieldProblem {
  /** Dotted path into the request body or query, e.g. `people.2.relation`. */
  path: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** An RFC 9457 problem+json response. `extra` members go beside the standard ones. */
export function problem(status: number, detail?: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}): Response {
  const body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * Zod issues as `[{ path, message }]`, paths dotted (`people.0.name`). A field the schema does not know is named
 * by its own path (`people.0.userId`), not by the object that holds it, so a client sees which key was refused.
 */
function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'This field is not accepted here.' }));
    }
    return [{ path: at.join('.'), message: issue.message }];
  });
}

/** 400 with the failing fields. */
export function validationProblem(error: z.ZodError): Response {
  return problem(400, 'Some fields are not valid.', { errors: zodProblems(error) });
}
