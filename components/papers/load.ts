import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** Runs a query for a page, turning "not found" (and "not allowed to know") into the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isAppError(e) && (e.kind === "not_found" || e.kind === "forbidden" || e.kind === "unauthenticated")) notFound();
    throw e;
  }
}
