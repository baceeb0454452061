import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import { sessionUserId } from "@/lib/members/sessions";
import { loadActor, isSignedIn, type SignedInActor } from "./actor";
import { VISITOR, type Actor } from "./permissions";
import { auth } from "./next-auth";

/**
 * The person making this request, with their standing and roles read from the database now.
 * Cached for one request only, so a suspension or a role change applies to the very next one.
 */
export const getViewer = cache(async (): Promise<Actor | SignedInActor> => {
  const session = await auth();
  if (!session?.sid) return VISITOR;
  const db = getDb();
  const userId = await sessionUserId(db, session.sid);
  return loadActor(db, userId);
});

export { isSignedIn };
