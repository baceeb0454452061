import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startCollabServer } from "@/collab/server";
import { connectClient, synced, until } from "@/collab/test-helpers";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper } from "@/lib/testing/factories";
import { ensureResponse, issueCollabToken } from "./documents";
import { restoreRevision } from "./restore";
import { getRevision, listRevisions, saveRevision } from "./revisions";

const db = getDb();
afterAll(() => closeDb());

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
const textOf = (d: Y.Doc) => renderText(d.getXmlFragment("default"));
const renderText = (f: Y.XmlFragment) => f.toArray().map((n) => (n as Y.XmlElement).toArray().map(String).join("")).join("|");

describe("named revisions", () => {
  it("are saved by editors, listed and shown to readers, and restored live as a new change", async () => {
    const server = await startCollabServer({ db, port: 0, host: "127.0.0.1", allowedOrigins: [], log: () => {} });
    try {
      const doc = `response.${await ensureResponse(db, (await createTestPaper(db)).id)}`;
      const editor = await loadActor(db, (await createPerson(db, { name: "Ada Editor" })).id);
      const reader = await loadActor(db, (await createPerson(db, { standing: "registered" })).id);
      const url = `ws://127.0.0.1:${server.port}`;
      const a = connectClient(url, doc, (await issueCollabToken(db, editor, doc)).token);
      const b = connectClient(url, doc, (await issueCollabToken(db, await loadActor(db, (await createPerson(db)).id), doc)).token);
      await Promise.all([synced(a), synced(b)]);

      a.ydoc.getXmlFragment("default").insert(0, [paragraph("first draft")]);
      await until(() => textOf(b.ydoc) === "first draft", "b sees the first draft");
      const saved = await saveRevision(db, editor, { doc, name: "First draft" });

      const denied = await saveRevision(db, reader, { doc, name: "Nope" }).catch((e: unknown) => e);
      expect(isAppError(denied) && denied.kind).toBe("forbidden");

      b.ydoc.getXmlFragment("default").delete(0, 1);
      b.ydoc.getXmlFragment("default").insert(0, [paragraph("rewritten")]);
      await until(() => textOf(a.ydoc) === "rewritten", "a sees the rewrite");

      const list = await listRevisions(db, reader, doc);
      expect(list.map((r) => [r.name, r.createdByName])).toEqual([["First draft", "Ada Editor"]]);
      const revision = await getRevision(db, reader, doc, saved.id);
      expect(revision.html).toBe("<p>first draft</p>");

      restoreRevision(a.ydoc, revision.state);
      expect(textOf(a.ydoc)).toBe("first draft");
      await until(() => textOf(b.ydoc) === "first draft", "b sees the restored revision live");
      a.destroy();
      b.destroy();
    } finally {
      await server.close();
    }
  });
});
