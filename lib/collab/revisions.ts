/**
 * Named revisions of a co-edited document. Saving one freezes the stored state (everything the
 * sidecar has accepted, since it stores before it broadcasts). Restoring is done by the server:
 * `restoreRevision` (restore.ts) turns the stored document into the revision's content as one new
 * stored change (server-change.ts), which every sidecar holding it applies, so editors see it live,
 * no editor needs to be open, and history is kept.
 */
import { and, desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "@/db";
import { collabRevisions, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/papers/resource";
import type { SaveRevisionInput } from "@/lib/validation/collab";
import { loadCollabResource, type CollabResource } from "./documents";
import { loadYDoc, packState, unpackState } from "./persistence";
import { docName } from "./protocol";
import { renderDocument } from "./render";
import { restoreRevision } from "./restore";
import { changeStoredDocument } from "./server-change";
import { publicNameSql } from "@/lib/auth/public-name";

function assertMay(actor: Actor, doc: CollabResource, what: "view" | "edit"): void {
  if (doc.kind === "response") assertCan(actor, what === "edit" ? "response.edit" : "response.view", doc.resource);
  else assertCan(actor, what === "edit" ? "synthesis.edit" : "synthesis.view", doc.resource);
}

/** The saver's public name (the caller is signed in: saving needs the right to edit). */
const savedBy = (actor: Actor) => ("publicName" in actor && typeof actor.publicName === "string" ? actor.publicName : null);

export interface RevisionSummary {
  id: string;
  name: string;
  createdAt: Date;
  createdByName: string | null;
}

/** Saves the document as it is stored now under a name. Needs the right to edit it. */
export async function saveRevision(db: Db, actor: Actor, input: SaveRevisionInput): Promise<RevisionSummary> {
  const resource = await loadCollabResource(db, input.doc);
  assertMay(actor, resource, "edit");
  const name = docName(resource.kind, resource.resource.id);
  const { ydoc } = await loadYDoc(db, name);
  try {
    const [row] = await db
      .insert(collabRevisions)
      .values({ doc: name, name: input.name, state: await packState(Y.encodeStateAsUpdate(ydoc)), createdBy: actor.id })
      .returning({ id: collabRevisions.id, name: collabRevisions.name, createdAt: collabRevisions.createdAt });
    return { ...row!, createdByName: savedBy(actor) };
  } finally {
    ydoc.destroy();
  }
}

/** The revisions of a document, newest first. */
export async function listRevisions(db: Tx, actor: Actor, doc: string): Promise<RevisionSummary[]> {
  const resource = await loadCollabResource(db, doc);
  assertMay(actor, resource, "view");
  return db
    .select({ id: collabRevisions.id, name: collabRevisions.name, createdAt: collabRevisions.createdAt, createdByName: publicNameSql() })
    .from(collabRevisions)
    .leftJoin(users, eq(users.id, collabRevisions.createdBy))
    .where(eq(collabRevisions.doc, docName(resource.kind, resource.resource.id)))
    .orderBy(desc(collabRevisions.createdAt));
}

export interface RevisionDetail extends RevisionSummary {
  /** The full Yjs state (an update), for the editor to show, diff or restore. */
  state: Uint8Array;
  html: string;
  text: string;
}

/** One revision with its content: the Yjs state and a sanitised render. */
export async function getRevision(db: Tx, actor: Actor, doc: string, revisionId: string): Promise<RevisionDetail> {
  const resource = await loadCollabResource(db, doc);
  assertMay(actor, resource, "view");
  if (!isUuid(revisionId)) throw notFound("revision", "That revision could not be found.");
  const [row] = await db
    .select({ id: collabRevisions.id, name: collabRevisions.name, createdAt: collabRevisions.createdAt, createdByName: publicNameSql(), state: collabRevisions.state })
    .from(collabRevisions)
    .leftJoin(users, eq(users.id, collabRevisions.createdBy))
    .where(and(eq(collabRevisions.id, revisionId), eq(collabRevisions.doc, docName(resource.kind, resource.resource.id))));
  if (!row) throw notFound("revision", "That revision could not be found.");
  const state = await unpackState(row.state);
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return { ...row, state, ...renderDocument(ydoc) };
  } catch {
    throw new AppError("invalid:revision", "That revision could not be read.");
  } finally {
    ydoc.destroy();
  }
}

export interface RestoreResult {
  /** The entry that records the restore in the revision list. */
  recorded: RevisionSummary;
}

/**
 * Restores a revision as a new change of the document (so nothing is destroyed and editors see
 * it live), and records who restored what as a new entry of the list, holding the restored content.
 * Needs the right to edit.
 */
export async function restoreRevisionNow(db: Db, actor: Actor, doc: string, revisionId: string): Promise<RestoreResult> {
  const resource = await loadCollabResource(db, doc);
  assertMay(actor, resource, "edit");
  const revision = await getRevision(db, actor, doc, revisionId);
  const name = docName(resource.kind, resource.resource.id);
  await changeStoredDocument(db, name, actor.id, (ydoc) => restoreRevision(ydoc, revision.state, "restore"));
  const [row] = await db
    .insert(collabRevisions)
    .values({
      doc: docName(resource.kind, resource.resource.id),
      name: `Restored “${revision.name}”`.slice(0, 200),
      state: await packState(revision.state),
      createdBy: actor.id,
      restoredFromId: revision.id,
    })
    .returning({ id: collabRevisions.id, name: collabRevisions.name, createdAt: collabRevisions.createdAt });
  return { recorded: { ...row!, createdByName: savedBy(actor) } };
}
