import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { closeDb, getDb } from "@/db";
import { collabUpdates, factCitations } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { ensureResponse, getResponseForReaders, storeRenderedDocument } from "@/lib/collab/documents";
import { appendUpdates, loadYDoc } from "@/lib/collab/persistence";
import { renderDocument } from "@/lib/collab/render";
import { getRevision, listRevisions, restoreRevisionNow, saveRevision } from "@/lib/collab/revisions";
import { getThread } from "@/lib/discussion/queries";
import { isAppError } from "@/lib/errors";
import { createTestFact } from "@/lib/facts/test-factory";
import { createPerson, createTestComment, createTestPaper } from "@/lib/testing/factories";
import { addQuoteToResponse, commentPlainText, getQuoteForResponse, recordCommentUse } from "./quotes";
import { getResponsePage } from "./queries";
import { getRevisionView } from "./revision-view";

const db = getDb();
afterAll(() => closeDb());

const kindOf = (e: unknown) => (isAppError(e) ? e.kind : e);
const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);

function paragraphUpdate(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  base.getXmlFragment("default").push([p]);
  return Y.encodeStateAsUpdate(base, before);
}

describe("from discussion to response", () => {
  it("gives an editor the comment as a quote with its author and permalink; readers, visitors and other papers get nothing", async () => {
    const paper = await createTestPaper(db);
    const author = await createPerson(db, { name: "Quoted Person" });
    const comment = await createTestComment(db, { paperId: paper.id, authorId: author.id, body: "Publish **the sources**, see [the list](https://example.org)." });
    const editor = await actorFor();

    const quote = await getQuoteForResponse(db, editor, paper.id, comment.id);
    expect(quote).toEqual({
      commentId: comment.id,
      paperId: paper.id,
      text: "Publish the sources, see the list.",
      author: "Quoted Person",
      permalink: `/papers/${paper.id}/c/${comment.id}`,
    });

    expect(kindOf(await getQuoteForResponse(db, await actorFor({ standing: "registered" }), paper.id, comment.id).catch((e) => e))).toBe("forbidden");
    expect(kindOf(await getQuoteForResponse(db, VISITOR, paper.id, comment.id).catch((e) => e))).toBe("unauthenticated");
    const other = await createTestPaper(db);
    expect(kindOf(await getQuoteForResponse(db, editor, other.id, comment.id).catch((e) => e))).toBe("not_found");
    const hidden = await createTestComment(db, { paperId: paper.id, hidden: true });
    expect(kindOf(await getQuoteForResponse(db, editor, paper.id, hidden.id).catch((e) => e))).toBe("invalid");
  });

  it("records a use once, and the thread shows which comments were used (for those who may read them)", async () => {
    const paper = await createTestPaper(db);
    const used = await createTestComment(db, { paperId: paper.id });
    const unused = await createTestComment(db, { paperId: paper.id });
    const editor = await actorFor();

    await expect(recordCommentUse(db, await actorFor({ standing: "registered" }), used.id)).rejects.toMatchObject({ kind: "forbidden" });
    const first = await recordCommentUse(db, editor, used.id);
    const again = await recordCommentUse(db, await actorFor(), used.id);
    expect(again.responseId).toBe(first.responseId);
    expect(first.responseId).toBe(await ensureResponse(db, paper.id));

    const thread = await getThread(db, VISITOR, paper.id);
    const byId = new Map(thread.roots.map((c) => [c.id, c]));
    expect(byId.get(used.id)!.usedInResponse).toBe(true);
    expect(byId.get(unused.id)!.usedInResponse).toBe(false);
    // Only those who may edit the Response are offered "Add to response".
    expect(byId.get(used.id)!.may.addToResponse).toBe(false);
    const asEditor = await getThread(db, editor, paper.id);
    expect(asEditor.roots.every((c) => c.may.addToResponse)).toBe(true);
  });

  it("strips Markdown-light marks from a quoted comment", () => {
    expect(commentPlainText("> quoted\n\n*one* `two` [three](https://x.org) [[fact:0000abcd]]")).toBe("quoted one two three");
  });
});

describe("the Response page", () => {
  it("tells a reader why they cannot edit, and draws fact chips in the readers' render", async () => {
    const paper = await createTestPaper(db);
    const fact = await createTestFact(db);
    const responseId = await ensureResponse(db, paper.id);
    const ydoc = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    const chip = new Y.XmlElement("factChip");
    chip.setAttribute("factId", fact.id);
    p.insert(0, [new Y.XmlText("As shown "), chip]);
    ydoc.getXmlFragment("default").insert(0, [p]);
    await storeRenderedDocument(db, `response.${responseId}`, renderDocument(ydoc));

    const registered = await getResponsePage(db, await actorFor({ standing: "registered" }), paper.id);
    expect(registered.readOnlyReason).toBe("verify your membership to edit.");
    expect(registered.document.mode).toBe("read");
    expect(registered.html).toContain("As shown");
    expect(registered.html).not.toContain("[[fact:");
    expect(registered.html).toContain(fact.id);
    // Issue 5: the Response's citation is recorded when the sidecar stores its render.
    const cited = await db.select().from(factCitations).where(and(eq(factCitations.sourceType, "response"), eq(factCitations.sourceId, responseId)));
    expect(cited.map((c) => c.factId)).toEqual([fact.id]);

    const member = await getResponsePage(db, await actorFor(), paper.id);
    expect(member.readOnlyReason).toBeNull();
    expect(member.document.mode).toBe("write");

    const visitor = await getResponsePage(db, VISITOR, paper.id);
    expect(visitor.readOnlyReason).toBe("sign in as a verified member to edit.");
    await expect(getResponsePage(db, VISITOR, (await createTestPaper(db, { hidden: true })).id)).rejects.toMatchObject({ kind: "unauthenticated" });
  });
});

describe("Add to response", () => {
  it("quotes the comment into the stored Response once, with no editor open, linked back, and records the use", async () => {
    const paper = await createTestPaper(db);
    const author = await createPerson(db, { name: "Quoted Person" });
    const comment = await createTestComment(db, { paperId: paper.id, authorId: author.id, body: "Publish **the** sources" });
    const editor = await actorFor();
    await expect(addQuoteToResponse(db, await actorFor({ standing: "registered" }), paper.id, comment.id)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await addQuoteToResponse(db, editor, paper.id, comment.id)).toEqual({ added: true });
    expect(await addQuoteToResponse(db, editor, paper.id, comment.id)).toEqual({ added: false });
    const doc = `response.${await ensureResponse(db, paper.id)}`;
    const { ydoc } = await loadYDoc(db, doc);
    const { html } = renderDocument(ydoc);
    ydoc.destroy();
    expect(html).toBe(`<blockquote><p>Publish the sources</p><p>Quoted Person <a target="_blank" rel="noopener noreferrer nofollow" href="/papers/${paper.id}/c/${comment.id}">— from the discussion</a></p></blockquote>`);
    expect((await getResponseForReaders(db, VISITOR, paper.id)).html).toBe(html);
    const thread = await getThread(db, editor, paper.id);
    expect(JSON.stringify(thread)).toContain("usedInResponse\":true");
  });
});

describe("restoring a named revision", () => {
  it("restores the revision into the stored document and records who restored what; readers may not; the view diffs against now", async () => {
    const paper = await createTestPaper(db);
    const doc = `response.${await ensureResponse(db, paper.id)}`;
    const editor = await actorFor({ name: "Rita Restorer" });
    const base = new Y.Doc();
    await appendUpdates(db, [{ doc, update: paragraphUpdate(base, "first words"), userId: editor.id }]);
    const saved = await saveRevision(db, editor, { doc, name: "First" });
    await appendUpdates(db, [{ doc, update: paragraphUpdate(base, "later words"), userId: editor.id }]);
    await storeRenderedDocument(db, doc, renderDocument(base));

    await expect(restoreRevisionNow(db, await actorFor({ standing: "registered" }), doc, saved.id)).rejects.toMatchObject({ kind: "forbidden" });
    // No editor is open: the server restores it as a stored change by the member, and readers see it.
    const ticket = await restoreRevisionNow(db, editor, doc, saved.id);
    const { ydoc: restored } = await loadYDoc(db, doc);
    expect(renderDocument(restored).text.trim()).toBe("first words");
    restored.destroy();
    expect((await getResponseForReaders(db, VISITOR, paper.id)).text.trim()).toBe("first words");
    const rows = await db.select({ userId: collabUpdates.userId }).from(collabUpdates).where(eq(collabUpdates.doc, doc));
    expect(rows.at(-1)?.userId).toBe(editor.id);

    const list = await listRevisions(db, VISITOR, doc);
    expect(list.map((r) => [r.name, r.createdByName])).toEqual([
      ["Restored “First”", "Rita Restorer"],
      ["First", "Rita Restorer"],
    ]);
    expect((await getRevision(db, VISITOR, doc, ticket.recorded.id)).text.trim()).toBe("first words");

    const now = { id: doc.slice("response.".length), html: "", text: renderDocument(base).text, contentUpdatedAt: null };
    const view = await getRevisionView(db, VISITOR, doc, saved.id, now);
    expect(view.stats).toEqual({ added: 2, removed: 0 });
    expect(view.html).toBe("<p>first words</p>");
  });
});
