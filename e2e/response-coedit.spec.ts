/**
 * The co-edited Response, in real browsers against `next start` and the sidecar: two members see
 * each other's words live, an offline member keeps typing and both converge, a registered member
 * can read but never change it (whatever their client sends), a restored revision reaches the
 * other editor live, visitors on phones get the server render, and a comment goes into the response.
 */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ensureResponse } from "@/lib/collab/documents";
import { createTestComment, createTestPaper, uniqueSuffix } from "@/lib/testing/factories";
import { editorOf, expectConnected, openAs, storedText, typeAtEnd } from "./fixtures/collab";
import { expect, expectNoAxeViolations, test } from "./fixtures";

const word = (tag: string) => `${tag}${uniqueSuffix().replace(/[^a-z]/g, "")}`;

test.describe.configure({ timeout: 90_000 });

test("two members co-edit: live, offline and back, and a restored revision reaches the other", async ({ browser, db, makePerson }) => {
  const paper = await createTestPaper(db);
  const url = `/papers/${paper.id}/response`;
  const ada = await makePerson({ name: "Ada Lovelace" });
  const bo = await makePerson({ name: "Bo Diddley" });
  const a = await openAs(browser, ada, url);
  const b = await openAs(browser, bo, url);
  await Promise.all([expectConnected(a.page), expectConnected(b.page)]);
  // Who is here: each sees the other.
  await expect(a.page.getByRole("region", { name: "Who is here" }).getByText("Bo Diddley")).toBeVisible();
  await expect(b.page.getByRole("region", { name: "Who is here" }).getByText("Ada Lovelace")).toBeVisible();
  await expectNoAxeViolations(a.page);

  const first = word("alpha");
  await typeAtEnd(a.page, `${first} `);
  await expect(editorOf(b.page)).toContainText(first);

  // Offline: Ada keeps typing, Bo types too; back online, both hold every word.
  await a.context.setOffline(true);
  await expect(a.page.getByRole("status").filter({ hasText: "Offline — your edits are saved on this device" })).toBeVisible();
  const offline = [word("offa"), word("offb"), word("offc")];
  await typeAtEnd(a.page, offline.join(" ") + " ");
  const online = word("online");
  await typeAtEnd(b.page, ` ${online}`);
  await expect(editorOf(a.page)).not.toContainText(online);
  await a.context.setOffline(false);
  await expectConnected(a.page);
  for (const w of [first, ...offline, online]) {
    await expect(editorOf(a.page)).toContainText(w);
    await expect(editorOf(b.page)).toContainText(w);
  }

  // A named revision, more text, then restore: Bo sees the revision's text come back live.
  await a.page.getByLabel("Revision name").fill("Before the rewrite");
  await a.page.getByRole("button", { name: "Save revision" }).click();
  await expect(a.page.getByRole("link", { name: "Before the rewrite" })).toBeVisible();
  const later = word("later");
  await typeAtEnd(b.page, ` ${later}`);
  await expect(editorOf(a.page)).toContainText(later);
  await a.page.getByRole("button", { name: "Restore “Before the rewrite”" }).click();
  await expect(editorOf(b.page)).not.toContainText(later);
  await expect(editorOf(b.page)).toContainText(offline[2]!);
  // The restore is recorded in the list, and the revision shows what changed since.
  await expect(a.page.getByRole("link", { name: "Restored “Before the rewrite”" })).toBeVisible();
  await b.page.reload();
  await expect(b.page.getByRole("link", { name: "Restored “Before the rewrite”" })).toBeVisible();
  await b.page.getByRole("link", { name: "Before the rewrite", exact: true }).click();
  await expect(b.page.getByRole("heading", { name: "Changes from this revision to now" })).toBeVisible();
  await expect(b.page.getByRole("heading", { name: "Text of this revision" })).toBeVisible();
  await expectNoAxeViolations(b.page);
});

test("a registered member reads the response live but cannot change it, even with a client of their own", async ({ browser, db, makePerson }) => {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  const url = `/papers/${paper.id}/response`;
  const editor = await openAs(browser, await makePerson({ name: "Cy Editor" }), url);
  const registered = await openAs(browser, await makePerson({ name: "Reg Reader", standing: "registered" }), url);
  await expectConnected(editor.page);
  await expect(registered.page.getByRole("status").filter({ hasText: "Read only: verify your membership to edit." })).toBeVisible();

  const shared = word("shared");
  await typeAtEnd(editor.page, shared);
  await expect(editorOf(registered.page)).toContainText(shared);
  await expect(editorOf(registered.page)).toHaveAttribute("contenteditable", "false");
  await expect(registered.page.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);

  // Their own client, with the pass the site gives them, sends an update anyway.
  const ticket = await registered.page.evaluate(async (d) => {
    const res = await fetch("/api/collab/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ doc: d }) });
    return (await res.json()) as { token: string; url: string; mode: string };
  }, doc);
  expect(ticket.mode).toBe("read");
  const rogue = new Y.Doc();
  const provider = new WebsocketProvider(ticket.url, doc, rogue, { params: { token: ticket.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  try {
    await expect.poll(() => provider.synced).toBe(true);
    const forbidden = word("forbidden");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(forbidden)]);
    rogue.getXmlFragment("default").insert(0, [p]);
    // Something written after it by an editor reaches the database; the rogue word never does.
    const after = word("after");
    await typeAtEnd(editor.page, ` ${after}`);
    await expect.poll(() => storedText(db, doc), { timeout: 15_000 }).toContain(after);
    expect(await storedText(db, doc)).not.toContain(forbidden);
    await expect(editorOf(editor.page)).not.toContainText(forbidden);
  } finally {
    provider.destroy();
    rogue.destroy();
  }
});

test("a visitor on a phone reads the server-rendered response, with no websocket and no editor", async ({ browser, db, makePerson }) => {
  const paper = await createTestPaper(db);
  const url = `/papers/${paper.id}/response`;
  const editor = await openAs(browser, await makePerson(), url);
  await expectConnected(editor.page);
  const text = word("readable");
  await typeAtEnd(editor.page, text);

  const visitor = await openAs(browser, null, url, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const sockets: string[] = [];
  visitor.page.on("websocket", (ws) => sockets.push(ws.url()));
  // The sidecar refreshes the readers' render a couple of seconds after the edit.
  await expect(async () => {
    await visitor.page.reload();
    await expect(visitor.page.getByText(text)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(visitor.page.getByRole("textbox", { name: "Response text" })).toHaveCount(0);
  await expect(visitor.page.getByRole("heading", { level: 1, name: /Response to/ })).toBeVisible();
  // Only the dev server's own hot-reload socket may appear (never under next start); never the sidecar.
  expect(sockets.filter((u) => !u.includes("/_next/"))).toEqual([]);
  await expectNoAxeViolations(visitor.page);
});

test("Add to response quotes a comment once, links back to it, and the comment shows it was used", async ({ browser, db, makePerson }) => {
  const paper = await createTestPaper(db);
  const author = await makePerson({ name: "Quoted Person" });
  const said = `The council should publish its sources ${word("src")}`;
  const comment = await createTestComment(db, { paperId: paper.id, authorId: author.id, body: said });
  const member = await openAs(browser, await makePerson(), `/papers/${paper.id}`);
  const item = member.page.getByRole("article", { name: "Comment by Quoted Person" });
  await item.getByRole("link", { name: "Add to response (the comment by Quoted Person)" }).click();

  await expect(member.page).toHaveURL(new RegExp(`/papers/${paper.id}/response$`));
  const editor = editorOf(member.page);
  await expect(editor).toContainText(said);
  await expect(editor.getByRole("link", { name: "— from the discussion" })).toHaveAttribute("href", `/papers/${paper.id}/c/${comment.id}`);
  // A reload does not quote it again.
  await member.page.reload();
  await expectConnected(member.page);
  await expect(editor.getByText(said)).toHaveCount(1);

  await member.page.goto(`/papers/${paper.id}`);
  await expect(member.page.getByRole("article", { name: "Comment by Quoted Person" }).getByText("Used in the response")).toBeVisible();
});
