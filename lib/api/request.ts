import { problem } from './problem';

/** The largest JSON body any endpoint accepts. */
const MAX_BODY_BYTES = 1_000_000;
/** How deep a JSON body may nest: far more than any endpoint's shape, far less than would tire a recursive reader. */
const MAX_DEPTH = 64;
const TOO_DEEP = 'The JSON is nested too deeply.';
const CUT_OFF = 'The request body was cut off.';

export class BodyError extends Error {
  constructor(readonly response: Response) {
    super('bad body');
  }
}

/**
 * The bytes of a request body, refused with `tooLarge()` as soon as they pass `maxBytes`. A body that stops arriving
 * (the client went away: Node's 'aborted', ECONNRESET) is answered 400, not passed on: apiRoute would take the
 * ECONNRESET for the database's and answer (and log) 503, "the database is unavailable".
 */
export async function readBody(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => BodyError): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new BodyError(problem(400, CUT_OFF));
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body with a size cap (route handlers have none of their own), refusing non-JSON types,
 * oversized bodies (413), bodies cut off on the way, malformed JSON and JSON nested too deeply (400) with a problem
 * response.
 */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new BodyError(problem(415, 'Send the body as application/json.'));
  }
  const tooLarge = () => new BodyError(problem(413, `The body is over ${maxBytes} bytes.`));
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  if (!request.body) throw new BodyError(problem(400, 'The body is empty.'));
  const text = (await readBody(request.body, maxBytes, tooLarge)).toString('utf8');
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

/**
 * Dotted paths of every string (or key) in a parsed JSON value that is not well-formed Unicode; a value nested more
 * than MAX_DEPTH deep is refused (400). JSON.parse takes any depth, so the walk keeps its own stack: a recursive one
 * overflowed the call stack on a few thousand nested arrays, a 500 from a 10 kB body.
 */
function illFormedPaths(root: unknown): string[] {
  const out: string[] = [];
  // Children are pushed last first, so paths come out in the body's order.
  const stack: { value: unknown; at: string[] }[] = [{ value: root, at: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, at } = item;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) out.push(at.join('.'));
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (at.length >= MAX_DEPTH) throw new BodyError(problem(400, TOO_DEEP, { errors: [{ path: '', message: TOO_DEEP }] }));
    const children: { value: unknown; at: string[] }[] = [];
    if (Array.isArray(value)) value.forEach((v, i) => children.push({ value: v, at: [...at, String(i)] }));
    else {
      for (const [k, v] of Object.entries(value)) {
        if (!k.isWellFormed()) out.push([...at, k.toWellFormed()].join('.'));
        else children.push({ value: v, at: [...at, k] });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
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
