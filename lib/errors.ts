/** Postgres error fields, whichever driver raised them; drizzle wraps driver errors in `cause`. */
export function pgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const o = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) {
      const constraint = (o.constraint ?? o.constraint_name) as string | undefined;
      return { code: o.code, constraint };
    }
    e = o.cause;
  }
  return undefined;
}

/** True for a unique violation, optionally on one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
}

/** An expected failure whose message is safe to show the user. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * The server is refusing work it has no room for just now (every password-hashing slot taken): a 503 with
 * Retry-After in the API, a "try again in a moment" message beside the form in the app, and nothing written.
 */
export class BusyError extends UserFacingError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 503);
    this.name = 'BusyError';
  }
}

/** A row that is missing or belongs to someone else: both look the same to the caller. */
export class NotFoundError extends UserFacingError {
  constructor(what = 'Not found') {
    super(what, 404);
    this.name = 'NotFoundError';
  }
}

/** A stale `version`: someone saved this record after the caller read it. */
export class VersionConflictError<T = unknown> extends UserFacingError {
  constructor(
    readonly current: T,
    fieldErrors?: Record<string, string[]>,
    message = 'This was changed elsewhere since you opened it.',
  ) {
    super(message, 409, fieldErrors);
    this.name = 'VersionConflictError';
  }
}

/**
 * A part of a bigger record (a follow-up or a person's details on an event) that was saved elsewhere after the form
 * loaded it. The write is rolled back; the caller answers with the whole record as it now is.
 */
export class StaleChildError extends UserFacingError {
  constructor(fieldErrors: Record<string, string[]>) {
    super('Part of this was changed elsewhere since you opened it.', 409, fieldErrors);
    this.name = 'StaleChildError';
  }
}

/** A post that would name, in public, people who asked not to be: 409 listing them until the request confirms. */
export class NamesPrivatePeopleError extends UserFacingError {
  constructor(readonly named: { id?: string; name: string }[]) {
    super(
      `This post names ${named.map((p) => p.name).join(', ')}, who asked not to be named in public. Remove the name, or confirm (confirmNamed: true) to publish anyway.`,
      409,
    );
    this.name = 'NamesPrivatePeopleError';
  }
}
