import "server-only";
import { forbidden, notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { can, type Action, type ActionResources, type Actor } from "./permissions";

/**
 * How a page refuses. A page that shows nothing because the viewer may not see it answers 403
 * (`forbidden()`, rendered by app/forbidden.tsx, which tells a visitor to sign in and a member what
 * is missing); a page about something that does not exist, or whose existence the rules hide,
 * answers 404. Never a 200 with a notice instead of the page.
 */
export function requirePermission<A extends Action>(viewer: Actor, action: A, resource: ActionResources[A]): void {
  if (!can(viewer, action, resource)) forbidden();
}

/** Runs a page's query, turning its typed refusals into the status they mean: not_found → 404, forbidden or unauthenticated → 403. */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    if (isAppError(e) && (e.kind === "forbidden" || e.kind === "unauthenticated")) forbidden();
    throw e;
  }
}
