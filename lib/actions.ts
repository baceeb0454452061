import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import type { SignedInActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { getViewer, isSignedIn } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";

export type FieldErrors = Record<string, string[] | undefined>;
export type FormState =
  | { ok: true; message?: string; data?: unknown }
  | { ok: false; message?: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

export interface ActionContext<A extends Actor> {
  actor: A;
  db: Db;
  ip: string;
}

interface Options {
  /** Whether a visitor may call it (sign-in, sign-up, password reset). */
  public?: boolean;
}

/** What the form keeps after a failure: everything typed except secrets. */
function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password|confirm|token/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * The one wrapper every form action goes through: it checks the request came from this site,
 * resolves the actor from the database, parses the form with zod, and turns known errors into
 * messages next to fields. The handler still checks the resource itself through the access layer.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext<SignedInActor>) => Promise<FormState | void>,
): (prev: FormState, formData: FormData) => Promise<FormState>;
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext<Actor>) => Promise<FormState | void>,
  options: Options & { public: true },
): (prev: FormState, formData: FormData) => Promise<FormState>;
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext<never>) => Promise<FormState | void>,
  options: Options = {},
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const values = echo(formData);
    const h = await headers();
    // Next.js lets a server action with no Origin header through with only a warning; we do not.
    // This only refuses cross-site forms: a non-browser client sets Origin and Host as it likes, so
    // nothing here may build a link or a decision from them (links come from siteUrl()).
    const origin = h.get("origin");
    const host = h.get("x-forwarded-host") ?? h.get("host");
    if (!origin || !host || safeHost(origin) !== host) {
      return { ok: false, message: "This form was sent from somewhere else, so it was refused. Reload the page and try again.", values };
    }
    const actor = await getViewer();
    if (!options.public && !isSignedIn(actor)) {
      return { ok: false, message: "Your session has ended. Sign in again; what you typed is kept below.", values };
    }
    const parsed = schema.safeParse(Object.fromEntries([...formData].filter(([k]) => !k.startsWith("$ACTION"))));
    if (!parsed.success) {
      return { ok: false, message: "Please correct the fields marked below.", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors, values };
    }
    try {
      const result = await handler(parsed.data, { actor: actor as never, db: getDb(), ip: clientIp(h) });
      if (result && !result.ok) return { values, ...result };
      return result ?? { ok: true };
    } catch (e) {
      unstable_rethrow(e);
      if (isAppError(e)) {
        return e.field ? { ok: false, fieldErrors: { [e.field]: [e.message] }, values } : { ok: false, message: e.message, values };
      }
      console.error("action failed", e);
      return { ok: false, message: "Something went wrong on our side and nothing was saved. Please try again.", values };
    }
  };
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
