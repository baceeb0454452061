/**
 * What a member may do with a document now, read from the database with the same rules as the
 * web app: on the upgrade, and again whenever their rights may have changed.
 */
import type { Db } from "@/db";
import { isSignedIn, loadActor } from "@/lib/auth/actor";
import { collabModeFor, loadCollabResource } from "@/lib/collab/documents";
import type { CollabMode } from "@/lib/collab/protocol";
import { isAppError } from "@/lib/errors";

export interface CurrentRights {
  mode: CollabMode | null;
  name: string;
  themeId: string | null;
}

export async function currentRights(db: Db, userId: string, doc: string): Promise<CurrentRights> {
  const actor = await loadActor(db, userId);
  if (!isSignedIn(actor)) return { mode: null, name: "", themeId: null };
  try {
    const resource = await loadCollabResource(db, doc);
    const themeId = resource.kind === "response" ? resource.resource.paper.theme.id : resource.resource.theme.id;
    return { mode: collabModeFor(actor, resource), name: actor.publicName, themeId };
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") return { mode: null, name: "", themeId: null };
    throw e;
  }
}
