/**
 * Errors a user can be told about. Anything else is logged and shown as a plain sentence.
 * The code says what went wrong and to what (`forbidden:theme`), the message says it to a person.
 */
export type AppErrorKind = "forbidden" | "unauthenticated" | "not_found" | "conflict" | "rate_limited" | "invalid";

const STATUS: Record<AppErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: string;
  /** For conflicts and invalid input that belong to one field of a form. */
  readonly field?: string;

  constructor(code: `${AppErrorKind}:${string}` | AppErrorKind, message: string, field?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.kind = code.split(":")[0] as AppErrorKind;
    this.field = field;
  }

  get status(): number {
    return STATUS[this.kind];
  }
}

export const forbidden = (what: string, message = "You are not allowed to do that.") =>
  new AppError(`forbidden:${what}`, message);
export const notFound = (what: string, message = "That could not be found.") =>
  new AppError(`not_found:${what}`, message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Postgres unique-violation, so callers can turn a race into a field error. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = (error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } }) ?? {};
  const pgErr = e.code ? e : e.cause;
  return pgErr?.code === "23505" && (!constraint || pgErr.constraint === constraint);
}
