import { problem } from './problem';

/** The largest JSON body any endpoint accepts. */
const MAX_BODY_BYTES = 1_000_000;

export class BodyError extends Error {
  constructor(readonly response: Response) {
    super('bad body');
  }
}

/**
 * Reads a JSON body with a size cap (route handlers have none of their own), refusing non-JSON types,
 * oversized bodies (413) and malformed JSON (400) with a problem response.
 */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new BodyError(problem(415, 'Send the body as application/json.'));
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new BodyError(problem(413, `The body is over ${maxBytes} bytes.`));
  if (!request.body) throw new BodyError(problem(400, 'The body is empty.'));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyError(problem(413, `The body is over ${maxBytes} bytes.`));
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new BodyError(problem(400, 'The body is empty.'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(problem(400, 'The body is not valid JSON.'));
  }
  // JSON may escape half of a UTF-16 pair ("\ud800"); no database can store that, and PGlite fails on it.
  const broken = illFormedPaths(value);
  if (broken.length) {
    const errors = broken.map((path) => ({ path, message: 'This text contains an invalid character (half of an emoji or symbol).' }));
    throw new BodyError(problem(400, 'Some fields are not valid.', { errors }));
  }
  return value;
}

/** Dotted paths of every string (or key) in a parsed JSON value that is not well-formed Unicode. */
function illFormedPaths(value: unknown, at: string[] = [], out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) out.push(at.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => illFormedPaths(v, [...at, String(i)], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!k.isWellFormed()) out.push([...at, k.toWellFormed()].join('.'));
      else illFormedPaths(v, [...at, k], out);
    }
  }
  return out;
}

/** Query-string values as an object; a key that repeats becomes an array. */
export function searchParamsObject(url: string | URL): Record<string, string | string[]> {
  const params = new URL(url).searchParams;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}
