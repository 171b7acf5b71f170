import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { db, type DbOrTx } from '@/db/client';
import type { CurrentUser } from '@/lib/auth/users';
import { requireUser } from '@/lib/dal';
import { NotFoundError, UserFacingError, VersionConflictError } from '@/lib/errors';
import { fieldErrorsOf, type ActionResult } from '@/lib/forms';
import { onceForKey, type IdempotencyScope } from '@/lib/idempotency';
import { logError } from '@/lib/log';
import { countWrite } from '@/lib/write-limit';

export type { ActionResult };

/** An expected refusal that is not an error of lib code (a duplicate to confirm, say): see refuse(). */
class ActionRefusal extends Error {
  constructor(readonly result: Omit<ActionResult<never>, 'data' | 'ok'> & { data?: unknown }) {
    super(result.message ?? 'Refused');
    this.name = 'ActionRefusal';
  }
}

/**
 * Stops the handler and answers this refusal (with the values the user typed added). For outcomes that are not
 * lib errors: "you may already have this person", "choose the organisation to merge".
 */
export function refuse(result: Omit<ActionResult<never>, 'data' | 'ok'> & { data?: unknown }): never {
  throw new ActionRefusal(result);
}

/** What a handler receives: the signed-in user, the parsed input, and where to write. */
export interface ActionContext<I> {
  user: CurrentUser;
  input: I;
  /**
   * The transaction of the idempotency key when the action has one (so the record and the key commit together),
   * else the database: pass it to lib functions that take a connection.
   */
  tx: DbOrTx;
  /** What the user typed, passwords left out (form actions only). */
  values?: Record<string, string>;
}

export interface ActionOptions<I, D, C, A extends unknown[]> {
  /** Names the action in logs ("people.update"). */
  name: string;
  /** Builds the schema's input from the action's arguments (default: the FormData's string fields). */
  input?: (...args: A) => unknown;
  /**
   * Makes a retried submit create one record: the form's `idempotencyKey` field (or `key(...)`) is the key, under
   * this scope; the handler runs in the key's transaction (`ctx.tx`) and its answer is what a retry gets back.
   */
  idempotency?: { scope: IdempotencyScope; key?: (...args: A) => string | null | undefined };
  /** Counts against the user's per-minute write limit, shared with the API (default true; false for previews). */
  write?: boolean;
  /** What of the saved copy goes back with a stale version (default: the copy lib returned). */
  toConflict?: (current: never) => C;
  /** The message for a stale version; default: the error's own. */
  conflictMessage?: (current: C) => string;
  /** The input fields naming the record acted on (default `['id']`): one that is not an id answers 404. */
  ids?: string[];
  /** The message for a missing record (or another user's); default: the error's own. */
  notFoundMessage?: string;
  /** The message after an unexpected failure; default: "Something went wrong on our side. Nothing was changed." */
  failureMessage?: string;
  /**
   * Runs after a success, outside the error handling: revalidatePath, redirect (which throws, so it must come
   * after the work and not inside it). Its return, if any, replaces the success result.
   */
  after?: (data: D, ctx: ActionContext<I>) => void | ActionResult<D, C> | Promise<void | ActionResult<D, C>>;
  /**
   * Runs after any refusal (bad input, a lib error, the write limit), outside the error handling: an action used as
   * a plain `<form action>` has no state to show it in, so it may redirect instead. Its return replaces the refusal.
   */
  onRefusal?: (refusal: ActionResult<D, C>) => void | ActionResult<D, C> | Promise<void | ActionResult<D, C>>;
}

const GENERIC_FAILURE = 'Something went wrong on our side. Nothing was changed.';

/** Passwords, whatever the field is called, are never sent back to the browser. */
const SECRET_FIELD = /password|secret|token/i;

/** The string fields of a FormData (the default input; a repeated name keeps its last value). */
function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  }
  return out;
}

/** What may go back to the browser of what the user typed: everything but secrets. */
function echoValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(Object.entries(formFields(formData)).filter(([key]) => !SECRET_FIELD.test(key)));
}

/** Maps an error of the handler to the result the user sees; anything unexpected is logged without values. */
function failure<C>(
  err: unknown,
  name: string,
  options: { toConflict?: (current: never) => C; conflictMessage?: (c: C) => string; notFoundMessage?: string; failureMessage?: string },
): ActionResult<never, C> {
  if (err instanceof ActionRefusal) return { status: 400, ...(err.result as ActionResult<never, C>), ok: false };
  if (err instanceof z.ZodError)
    return { ok: false, status: 400, message: 'Please check the fields with a message under them.', fieldErrors: fieldErrorsOf(err) };
  if (err instanceof VersionConflictError) {
    const current = options.toConflict ? options.toConflict(err.current as never) : (err.current as C);
    // A conflict in a part of the record (a follow-up of an event) names that part too.
    const named = err.fieldErrors && Object.keys(err.fieldErrors).length > 0 ? { fieldErrors: err.fieldErrors } : {};
    return { ok: false, status: 409, message: options.conflictMessage?.(current) ?? err.message, conflict: current, ...named };
  }
  if (err instanceof NotFoundError) return { ok: false, status: 404, message: options.notFoundMessage ?? err.message };
  if (err instanceof UserFacingError) {
    // Beside the fields it names, or above the form when it names none (never both: the same thing twice).
    const named = err.fieldErrors && Object.keys(err.fieldErrors).length > 0;
    return { ok: false, status: err.status, ...(named ? { fieldErrors: err.fieldErrors } : { message: err.message }) };
  }
  logError(`action ${name}`, err);
  return { ok: false, status: 500, message: options.failureMessage ?? GENERIC_FAILURE };
}

type Handler<I, D> = (ctx: ActionContext<I>) => Promise<D>;

/** The shared run of every action: session, write limit, parsing, idempotency, error mapping, then `after`. */
async function run<S extends z.ZodType, D, C, A extends unknown[]>(
  schema: S,
  handler: Handler<z.output<S>, D>,
  options: ActionOptions<z.output<S>, D, C, A>,
  args: A,
  rawInput: unknown,
  values: Record<string, string> | undefined,
  signedIn = true,
): Promise<ActionResult<D, C>> {
  // Public actions (sign-in, sign-up) run for whoever is there and have limits of their own.
  const user = signedIn ? await requireUser() : (null as unknown as CurrentUser);
  const withValues = (r: ActionResult<D, C>): ActionResult<D, C> => (values ? { ...r, values: { ...values, ...r.values } } : r);
  let ctx: ActionContext<z.output<S>> | undefined;
  let data: D;
  let refusal: ActionResult<D, C> | undefined;
  try {
    const refused = signedIn && options.write !== false ? await countWrite(user.id) : null;
    const parsed = refused ? undefined : schema.safeParse(rawInput);
    if (refused) {
      refusal = withValues({ ok: false, status: 429, message: refused.message });
    } else if (!parsed!.success && parsed!.error.issues.some((i) => (options.ids ?? ['id']).includes(String(i.path[0])))) {
      // An id of the record acted on that is not one names a record that does not exist, as in the API (parseId):
      // 404, not a field error, since nobody types it.
      refusal = withValues({ ok: false, status: 404, message: options.notFoundMessage ?? 'Not found' });
    } else if (!parsed!.success) {
      refusal = withValues({
        ok: false,
        status: 400,
        message: 'Please check the fields with a message under them.',
        fieldErrors: fieldErrorsOf(parsed!.error),
      });
    } else if (options.idempotency) {
      const input = parsed!.data;
      const key = options.idempotency.key ? options.idempotency.key(...args) : values?.idempotencyKey;
      const stored = await onceForKey(user.id, key, options.idempotency.scope, input, async (tx) => {
        ctx = { user, input, tx, values };
        return { status: 200, body: await handler(ctx) };
      });
      data = stored.body;
      // A replay ran nothing: `after` still needs the context.
      ctx ??= { user, input, tx: db, values };
    } else {
      ctx = { user, input: parsed!.data, tx: db, values };
      data = await handler(ctx);
    }
  } catch (err) {
    // redirect() and notFound() inside a handler are answers, not failures.
    unstable_rethrow(err);
    const result = failure<C>(err, options.name, options) as ActionResult<D, C>;
    // After a conflict the form carries the saved version, so saving again knowingly keeps the user's text.
    const version = (result.conflict as { version?: unknown } | undefined)?.version;
    refusal = withValues(typeof version === 'number' ? { ...result, values: { ...values, version: String(version) } } : result);
  }
  if (refusal) return (options.onRefusal ? await options.onRefusal(refusal) : undefined) ?? refusal;
  const after = options.after ? await options.after(data!, ctx!) : undefined;
  return after ?? { ok: true, data: data! };
}

/**
 * A server action for a form (`useActionState(action, {})`, or `action.bind(null, id)` for bound arguments):
 * the session is checked, the write counted against the user's limit, the FormData parsed with `schema` (a
 * refusal keeps what the user typed, never a password), lib errors mapped to the one ActionResult, anything
 * unexpected logged without values, and `options.after` runs after a success (revalidatePath, redirect).
 *
 * ```ts
 * // <form action={renameThingAction.bind(null, thing.id)}>, or useActionState(renameThingAction.bind(null, id), {})
 * export const renameThingAction = formAction(renameSchema, async ({ user, input }) => rename(user.id, input), {
 *   name: 'things.rename',
 *   input: (formData: FormData, id: string) => ({ name: formData.get('name'), id }),
 *   after: (_, { input }) => revalidatePath(`/things/${input.id}`),
 * });
 * ```
 */
export function formAction<S extends z.ZodType, D, C = never, B extends unknown[] = []>(
  schema: S,
  handler: Handler<z.output<S>, D>,
  options: Omit<ActionOptions<z.output<S>, D, C, [FormData, ...B]>, 'input'> & {
    /** Builds the schema's input from the FormData and the arguments bound before it (`action.bind(null, id)`). */
    input?: (formData: FormData, ...bound: B) => unknown;
  },
): (...args: [...B, ActionResult, FormData]) => Promise<ActionResult<D, C>> {
  return async (...args) => {
    const formData = args[args.length - 1] as FormData;
    const bound = args.slice(0, -2) as B;
    const raw = options.input ? options.input(formData, ...bound) : formFields(formData);
    return run(schema, handler, { ...options, input: undefined }, [formData, ...bound] as [FormData, ...B], raw, echoValues(formData));
  };
}

/**
 * A server action a client component calls with plain arguments (a one-tap "done", an autosave): the same
 * session check, write limit, parsing and error mapping as formAction, and the same ActionResult.
 */
export function dataAction<S extends z.ZodType, D, C = never, A extends unknown[] = [unknown]>(
  schema: S,
  handler: Handler<z.output<S>, D>,
  options: ActionOptions<z.output<S>, D, C, A>,
): (...args: A) => Promise<ActionResult<D, C>> {
  return async (...args) => run(schema, handler, options, args, options.input ? options.input(...args) : args[0], undefined);
}

/**
 * A server action answering about a pair of the user's records (two people, two organisations) by their two ids, as
 * `work(userId, id, otherId)`: either one not the user's, or not an id at all, is a 404 like a missing one.
 */
export function pairAction(name: string, notFoundMessage: string, work: (userId: string, id: string, otherId: string) => Promise<void>) {
  return dataAction(z.object({ id: z.uuid(), otherId: z.uuid() }), ({ user, input }) => work(user.id, input.id, input.otherId), {
    name,
    input: (id: string, otherId: string) => ({ id, otherId }),
    ids: ['id', 'otherId'],
    notFoundMessage,
  });
}

/**
 * A server action for a plain `<form action>` with no state to show (delete, restore, sign out a device): the same
 * run as formAction, and it answers by redirecting, from `after` on success and from `onRefusal` otherwise.
 */
export function formSubmit<S extends z.ZodType, D, C = never>(
  schema: S,
  handler: Handler<z.output<S>, D>,
  options: ActionOptions<z.output<S>, D, C, [FormData]>,
): (formData: FormData) => Promise<void> {
  return async (formData) => {
    const raw = options.input ? options.input(formData) : formFields(formData);
    await run(schema, handler, options, [formData], raw, echoValues(formData));
  };
}

/** What a public action's handler receives: as ActionContext, with whoever is signed in, or nobody. */
export type PublicActionContext<I> = Omit<ActionContext<I>, 'user'> & { user: CurrentUser | null };

/**
 * A form action anyone may submit (sign-in, sign-up): formAction's parsing, values, error mapping and logging,
 * without the session check and the per-user write limit (such a form needs limits of its own, by address).
 */
export function publicFormAction<S extends z.ZodType, D, C = never>(
  schema: S,
  handler: (ctx: PublicActionContext<z.output<S>>) => Promise<D>,
  options: ActionOptions<z.output<S>, D, C, [FormData]>,
): (prev: ActionResult, formData: FormData) => Promise<ActionResult<D, C>> {
  return async (_prev, formData) => {
    const raw = options.input ? options.input(formData) : formFields(formData);
    return run(schema, handler as Handler<z.output<S>, D>, options, [formData], raw, echoValues(formData), false);
  };
}
