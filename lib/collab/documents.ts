/**
 * Co-edited documents as the rules see them, and the question both the web app and the sidecar
 * ask: may this actor open this document, and may they write to it?
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { recordCitations } from "@/lib/facts/cite";
import { responses, syntheses, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor, type PaperResource, type ResponseResource, type SynthesisResource } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { isUuid, loadPaperResource } from "@/lib/papers/resource";
import { loadThemeResource, themeResourceColumns } from "@/lib/themes/resource";
import { docName, parseDocName, type CollabMode } from "./protocol";
import { TOKEN_TTL_SECONDS, signCollabToken } from "./token";

export type CollabResource = { kind: "response"; resource: ResponseResource } | { kind: "synthesis"; resource: SynthesisResource };

export async function loadResponseResource(db: Tx, responseId: string): Promise<ResponseResource> {
  if (!isUuid(responseId)) throw notFound("response", "That response could not be found.");
  const [row] = await db.select({ id: responses.id, paperId: responses.paperId }).from(responses).where(eq(responses.id, responseId));
  if (!row) throw notFound("response", "That response could not be found.");
  return { id: row.id, paper: await loadPaperResource(db, row.paperId) };
}

export async function loadSynthesisResource(db: Tx, synthesisId: string): Promise<SynthesisResource> {
  if (!isUuid(synthesisId)) throw notFound("synthesis", "That synthesis could not be found.");
  const [row] = await db
    .select({ id: syntheses.id, theme: themeResourceColumns })
    .from(syntheses)
    .innerJoin(themes, eq(themes.id, syntheses.themeId))
    .where(eq(syntheses.id, synthesisId));
  if (!row) throw notFound("synthesis", "That synthesis could not be found.");
  return row;
}

/** The resource behind a document name such as `response.<uuid>`. Throws not_found for anything else. */
export async function loadCollabResource(db: Tx, name: string): Promise<CollabResource> {
  const parsed = parseDocName(name);
  if (!parsed) throw notFound("document", "That document could not be found.");
  return parsed.kind === "response"
    ? { kind: "response", resource: await loadResponseResource(db, parsed.id) }
    : { kind: "synthesis", resource: await loadSynthesisResource(db, parsed.id) };
}

/** The most this actor may do with the document now: write, read, or nothing (null). */
export function collabModeFor(actor: Actor, doc: CollabResource): CollabMode | null {
  if (doc.kind === "response") {
    if (can(actor, "response.edit", doc.resource)) return "write";
    return can(actor, "response.view", doc.resource) ? "read" : null;
  }
  if (can(actor, "synthesis.edit", doc.resource)) return "write";
  return can(actor, "synthesis.view", doc.resource) ? "read" : null;
}

function assertCanOpen(actor: Actor, doc: CollabResource, mode: CollabMode): void {
  if (doc.kind === "response") assertCan(actor, mode === "write" ? "response.edit" : "response.view", doc.resource);
  else assertCan(actor, mode === "write" ? "synthesis.edit" : "synthesis.view", doc.resource);
}

export interface CollabTicket {
  token: string;
  mode: CollabMode;
  /** The sidecar's public websocket URL; the client connects to `${url}/${doc}`. */
  url: string;
  doc: string;
  expiresInSeconds: number;
}

/** COLLAB_URL is read at run time; NEXT_PUBLIC_COLLAB_URL may have been fixed at build time. */
export const collabPublicUrl = () => process.env.COLLAB_URL || process.env.NEXT_PUBLIC_COLLAB_URL || "ws://localhost:1234";

/**
 * A token to open `doc` over the websocket. Without `want`, the best mode the rules allow;
 * with `want: "write"`, refuses unless the actor may write. Visitors read the server render instead.
 */
export async function issueCollabToken(db: Tx, actor: Actor, doc: string, want?: CollabMode): Promise<CollabTicket> {
  const resource = await loadCollabResource(db, doc);
  assertCanOpen(actor, resource, want ?? "read");
  if (actor.id === null) throw new AppError("unauthenticated:collab", "Please sign in to open the editor.");
  const mode = want ?? collabModeFor(actor, resource)!;
  const name = docName(resource.kind, resource.resource.id);
  const token = await signCollabToken({ sub: actor.id, doc: name, mode });
  return { token, mode, url: collabPublicUrl(), doc: name, expiresInSeconds: TOKEN_TTL_SECONDS };
}

/** The Response of a paper as the rules see it: every published paper has one, made on first use. */
export async function paperResponse(db: Tx, paper: PaperResource): Promise<ResponseResource> {
  const [row] = await db.select({ id: responses.id }).from(responses).where(eq(responses.paperId, paper.id));
  if (row) return { id: row.id, paper };
  if (paper.publishedVersion === 0) throw notFound("response", "This paper has no Response until it is published.");
  return { id: await ensureResponse(db, paper.id), paper };
}

/** The synthesis of a theme as the rules see it: every theme has one, made on first use. */
export async function themeSynthesis(db: Tx, themeId: string): Promise<SynthesisResource> {
  const theme = await loadThemeResource(db, themeId);
  const [row] = await db.select({ id: syntheses.id }).from(syntheses).where(eq(syntheses.themeId, theme.id));
  return { id: row?.id ?? (await ensureSynthesis(db, theme.id)), theme };
}

/** The Response of a paper, made on first use (one per paper). Returns its id. */
export async function ensureResponse(db: Tx, paperId: string): Promise<string> {
  await db.insert(responses).values({ paperId }).onConflictDoNothing({ target: responses.paperId });
  const [row] = await db.select({ id: responses.id }).from(responses).where(eq(responses.paperId, paperId));
  return row!.id;
}

/** The synthesis of a theme, made on first use (one per theme). Returns its id. */
export async function ensureSynthesis(db: Tx, themeId: string): Promise<string> {
  await db.insert(syntheses).values({ themeId }).onConflictDoNothing({ target: syntheses.themeId });
  const [row] = await db.select({ id: syntheses.id }).from(syntheses).where(eq(syntheses.themeId, themeId));
  return row!.id;
}

export interface ReaderView {
  id: string | null;
  html: string;
  text: string;
  contentUpdatedAt: Date | null;
}

/** What readers (visitors included) see of a paper's Response: the cached server render, no websocket. */
export async function getResponseForReaders(db: Tx, actor: Actor, paperId: string): Promise<ReaderView> {
  const response = await paperResponse(db, await loadPaperResource(db, paperId));
  assertCan(actor, "response.view", response);
  const [row] = await db
    .select({ id: responses.id, html: responses.lastHtml, text: responses.lastText, contentUpdatedAt: responses.contentUpdatedAt })
    .from(responses)
    .where(eq(responses.id, response.id));
  return row!;
}

/** What readers see of a theme's synthesis. */
export async function getSynthesisForReaders(db: Tx, actor: Actor, themeId: string): Promise<ReaderView> {
  const synthesis = await themeSynthesis(db, themeId);
  assertCan(actor, "synthesis.view", synthesis);
  const [row] = await db
    .select({ id: syntheses.id, html: syntheses.lastHtml, text: syntheses.lastText, contentUpdatedAt: syntheses.contentUpdatedAt })
    .from(syntheses)
    .where(eq(syntheses.id, synthesis.id));
  return row!;
}

/**
 * Stores the readers' render of a document. contentUpdatedAt moves only when the text or markup
 * really changed, so a synthesis can flag the responses that changed since it was last edited.
 */
export async function storeRenderedDocument(db: Db, name: string, rendered: { html: string; text: string; json?: unknown }): Promise<void> {
  const parsed = parseDocName(name);
  if (!parsed) return;
  const table = parsed.kind === "response" ? responses : syntheses;
  const now = new Date();
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(table)
      .set({ lastHtml: rendered.html, lastText: rendered.text, contentUpdatedAt: now, updatedAt: now })
      .where(and(eq(table.id, parsed.id), sql`${table.lastHtml} is distinct from ${rendered.html}`))
      .returning({ id: table.id });
    // Issue 5: a Response or synthesis cites facts like a paper does; what it cites now replaces what it cited.
    if (changed.length) await recordCitations(tx, { type: parsed.kind, id: parsed.id }, { text: rendered.text, doc: rendered.json });
  });
}

export interface CoEditedDocument extends ReaderView {
  id: string;
  /** The websocket document name, e.g. `response.<uuid>`. */
  doc: string;
  /** What the viewer may do now (a token for the sidecar is still needed, see issueCollabToken). */
  mode: CollabMode;
}

/**
 * The Response of a paper for the co-editing page: made on first use, checked against the
 * viewer (who must be able to read it; visitors get the reader view instead of an editor).
 */
export async function openResponse(db: Tx, actor: Actor, paperId: string): Promise<CoEditedDocument> {
  const response = await paperResponse(db, await loadPaperResource(db, paperId));
  assertCan(actor, "response.view", response);
  const view = await getResponseForReaders(db, actor, paperId);
  return { ...view, id: response.id, doc: docName("response", response.id), mode: collabModeFor(actor, { kind: "response", resource: response }) ?? "read" };
}

/** The synthesis of a theme for its co-editing page, made on first use. */
export async function openSynthesis(db: Tx, actor: Actor, themeId: string): Promise<CoEditedDocument> {
  const synthesis = await themeSynthesis(db, themeId);
  assertCan(actor, "synthesis.view", synthesis);
  const view = await getSynthesisForReaders(db, actor, themeId);
  return { ...view, id: synthesis.id, doc: docName("synthesis", synthesis.id), mode: collabModeFor(actor, { kind: "synthesis", resource: synthesis }) ?? "read" };
}
