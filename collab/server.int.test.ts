/**
 * The sidecar against the real test database, with real y-websocket clients: convergence,
 * authorisation on the upgrade, read-only enforcement, re-checks, persistence and compaction.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { collabSnapshots, collabUpdates, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { ensureResponse, getResponseForReaders, issueCollabToken, storeRenderedDocument } from "@/lib/collab/documents";
import { renderDocument } from "@/lib/collab/render";
import { loadSnapshot, loadYDoc } from "@/lib/collab/persistence";
import { CLOSE, MAX_FRAME_BYTES, MESSAGE } from "@/lib/collab/protocol";
import { signCollabToken } from "@/lib/collab/token";
import { createPerson, createTestPaper } from "@/lib/testing/factories";
import { encodeAwarenessEntries } from "./awareness";
import { startCollabServer, type CollabServer, type CollabServerOptions } from "./server";
import { connectClient, synced, tryUpgrade, until, type TestClient } from "./test-helpers";

const db = getDb();
/** A varuint length followed by the bytes, as lib0 writes a byte array. */
function encodeVarBytes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}
const ORIGIN = "http://localhost:3999";
const RECHECK_MS = 200;

let server: CollabServer;
let url: string;
const clients: TestClient[] = [];
const servers: CollabServer[] = [];

async function start(extra: Partial<CollabServerOptions> = {}) {
  const s = await startCollabServer({ db, port: 0, host: "127.0.0.1", allowedOrigins: [ORIGIN], recheckIntervalMs: RECHECK_MS, unloadDelayMs: 100, log: () => {}, ...extra });
  servers.push(s);
  return s;
}

/** A fresh published paper's Response document and a verified member's write token for it. */
async function newDocument() {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  return { doc, paper };
}

async function writer(doc: string) {
  const person = await createPerson(db);
  const ticket = await issueCollabToken(db, await loadActor(db, person.id), doc);
  expect(ticket.mode).toBe("write");
  return { person, token: ticket.token };
}

function client(doc: string, token: string, at = url) {
  const c = connectClient(at, doc, token);
  clients.push(c);
  return c;
}

let barriers = 0;
/**
 * Sends an awareness change on `from`'s socket and waits until `observer` receives it: frames on one
 * socket are handled in order, so everything `from` sent before has been handled by then.
 */
async function barrier(from: TestClient, observer: TestClient) {
  const mark = ++barriers;
  from.provider.awareness.setLocalStateField("barrier", mark);
  await until(() => (observer.provider.awareness.getStates().get(from.ydoc.clientID) as { barrier?: number } | undefined)?.barrier === mark, "barrier seen");
}

const textOf = (c: { ydoc: { getText(name: string): { toString(): string } } }) => c.ydoc.getText("body").toString();
const storedCount = async (doc: string, userId?: string) =>
  Number(
    (await db.select({ n: sql<number>`count(*)` }).from(collabUpdates).where(userId ? and(eq(collabUpdates.doc, doc), eq(collabUpdates.userId, userId)) : eq(collabUpdates.doc, doc)))[0]!.n,
  );
async function storedText(doc: string) {
  const { ydoc } = await loadYDoc(db, doc);
  const text = ydoc.getText("body").toString();
  ydoc.destroy();
  return text;
}

beforeAll(async () => {
  server = await start();
  url = `ws://127.0.0.1:${server.port}`;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await closeDb();
});

describe("collaboration sidecar", () => {
  it("answers its health check", async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("lets two members edit one document and converge", async () => {
    const { doc } = await newDocument();
    const a = client(doc, (await writer(doc)).token);
    const b = client(doc, (await writer(doc)).token);
    await Promise.all([synced(a), synced(b)]);
    a.ydoc.getText("body").insert(0, "hello ");
    b.ydoc.getText("body").insert(0, "world ");
    await until(() => textOf(a) === textOf(b) && textOf(a).length === 12, "both clients hold both words");
    expect(textOf(a)).toContain("hello");
    expect(textOf(a)).toContain("world");
    expect(await storedText(doc)).toBe(textOf(a));
  });

  it("refuses a connection before the upgrade without a valid token for that document", async () => {
    const { doc } = await newDocument();
    const { person, token } = await writer(doc);
    const other = await newDocument();
    expect(await tryUpgrade(`${url}/${doc}`)).toBe(401);
    expect(await tryUpgrade(`${url}/${doc}?token=garbage`)).toBe(401);
    const expired = await signCollabToken({ sub: person.id, doc, mode: "write" }, -5);
    expect(await tryUpgrade(`${url}/${doc}?token=${expired}`)).toBe(401);
    const forged = await new SignJWT({ doc, mode: "write" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(person.id)
      .setIssuer("commonplace")
      .setAudience("commonplace-collab")
      .setExpirationTime("1m")
      .sign(randomBytes(32));
    expect(await tryUpgrade(`${url}/${doc}?token=${forged}`)).toBe(401);
    expect(await tryUpgrade(`${url}/${other.doc}?token=${token}`)).toBe(403);
    expect(await tryUpgrade(`${url}/${doc}?token=${token}`, { Origin: "https://evil.example" })).toBe(403);
    expect(await tryUpgrade(`${url}/not-a-document?token=${token}`)).toBe(404);
    expect(await tryUpgrade(`${url}/${doc}?token=${token}`, { Origin: ORIGIN })).toBe("open");
    expect(await tryUpgrade(`${url}/${doc}`, {}, [`commonplace.token.${token}`])).toBe("open");
  });

  it("keeps a registered (unverified) member read-only even when the client sends updates", async () => {
    const { doc } = await newDocument();
    const reader = await createPerson(db, { standing: "registered" });
    const ticket = await issueCollabToken(db, await loadActor(db, reader.id), doc);
    expect(ticket.mode).toBe("read");
    // Even a token that claims write is held to what the database says now.
    const claimsWrite = await signCollabToken({ sub: reader.id, doc, mode: "write" });
    const w = client(doc, (await writer(doc)).token);
    const r1 = client(doc, ticket.token);
    const r2 = client(doc, claimsWrite);
    await Promise.all([synced(w), synced(r1), synced(r2)]);
    r1.ydoc.getText("body").insert(0, "SNEAKY1 ");
    r2.ydoc.getText("body").insert(0, "SNEAKY2 ");
    // Barrier: each reader's next frame, seen by the writer, proves its update frame was handled.
    await Promise.all([barrier(r1, w), barrier(r2, w)]);
    w.ydoc.getText("body").insert(0, "legit ");
    await until(() => textOf(r1).includes("legit") && textOf(r2).includes("legit"), "readers see the writer's change");
    expect(textOf(w)).toBe("legit ");
    const rows = await db.select({ userId: collabUpdates.userId }).from(collabUpdates).where(eq(collabUpdates.doc, doc));
    expect(rows.map((r) => r.userId)).not.toContain(reader.id);
    expect(await storedText(doc)).toBe("legit ");
    // A client that (re)connects afterwards sees no trace of it either.
    const late = client(doc, (await writer(doc)).token);
    await synced(late);
    expect(textOf(late)).toBe("legit ");
  });

  it("closes the socket of a member suspended while connected", async () => {
    const { doc } = await newDocument();
    const { person, token } = await writer(doc);
    const c = client(doc, token);
    await synced(c);
    await db.update(users).set({ suspendedAt: new Date(), suspendedReason: "test" }).where(eq(users.id, person.id));
    await until(() => c.closes.includes(CLOSE.forbidden), "suspended member disconnected", RECHECK_MS * 10);
    // The client comes back with its old token, read-only now: its edits are not stored.
    await synced(c);
    const w = client(doc, (await writer(doc)).token);
    await synced(w);
    const before = await storedCount(doc, person.id);
    c.ydoc.getText("body").insert(0, "after suspension ");
    // Barrier: c's next frame reached the server after its update, then a write that must be stored
    // (one document's stores are applied in order, so had c's update been accepted it would be in first).
    await barrier(c, w);
    w.ydoc.getText("body").insert(0, "barrier ");
    await until(async () => (await storedText(doc)).includes("barrier"), "the barrier write is stored");
    expect(await storedCount(doc, person.id)).toBe(before);
    expect(await storedText(doc)).not.toContain("after suspension");
  });

  it("closes a socket that sends an oversized or malformed frame, and only that socket", async () => {
    const { doc } = await newDocument();
    const { token } = await writer(doc);
    const closeCode = (payload: Buffer) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url}/${doc}?token=${token}`);
        ws.on("open", () => ws.send(payload));
        ws.on("close", (code) => resolve(code));
      });
    expect(await closeCode(Buffer.alloc(MAX_FRAME_BYTES + 10, 1))).toBe(CLOSE.tooLarge);
    expect(await closeCode(Buffer.from([0, 2, 50, 1, 2, 3]))).toBe(CLOSE.malformed);
    expect(await closeCode(Buffer.from([99]))).toBe(CLOSE.malformed);
    const c = client(doc, token);
    await synced(c);
    c.ydoc.getText("body").insert(0, "still fine");
    await until(async () => (await storedText(doc)) === "still fine", "server still stores updates");
  });

  it("closes gracefully with 1012 and keeps the document when the sidecar restarts", async () => {
    const own = await start();
    const { doc } = await newDocument();
    const { token } = await writer(doc);
    const a = client(doc, token, `ws://127.0.0.1:${own.port}`);
    await synced(a);
    a.ydoc.getText("body").insert(0, "survives a restart");
    await until(async () => (await storedCount(doc)) > 0, "update stored");
    // Graceful shutdown: clients are told it is a restart, and the document is folded into a snapshot.
    await own.close();
    await until(() => a.closes.includes(CLOSE.restart), "client told of the restart");
    expect(await storedCount(doc)).toBe(0);
    a.destroy();
    const next = await start();
    const b = client(doc, token, `ws://127.0.0.1:${next.port}`);
    await synced(b);
    expect(textOf(b)).toBe("survives a restart");
  });

  it("compacts updates into a snapshot without changing the content", async () => {
    const own = await start({ compactAfterUpdates: 10 });
    const { doc } = await newDocument();
    const a = client(doc, (await writer(doc)).token, `ws://127.0.0.1:${own.port}`);
    await synced(a);
    for (let i = 0; i < 35; i++) {
      a.ydoc.getText("body").insert(textOf(a).length, `w${i} `);
      await new Promise((r) => setTimeout(r, 5));
    }
    const expected = textOf(a);
    await until(async () => (await storedText(doc)) === expected, "every update stored");
    const [snapshot] = await db.select().from(collabSnapshots).where(eq(collabSnapshots.doc, doc));
    expect(snapshot).toBeDefined();
    expect(await storedCount(doc)).toBeLessThan(35);
    // Last client leaves: the document is folded into one snapshot and unloaded.
    a.destroy();
    await until(async () => (await storedCount(doc)) === 0, "idle document compacted");
    expect(await storedText(doc)).toBe(expected);
  });

  it("refreshes the readers' server render within seconds of an edit", async () => {
    const own = await start({ settleDelayMs: 100, onSettled: (name, ydoc) => storeRenderedDocument(db, name, renderDocument(ydoc)) });
    const { doc, paper } = await newDocument();
    const a = client(doc, (await writer(doc)).token, `ws://127.0.0.1:${own.port}`);
    await synced(a);
    const p = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    t.insert(0, "We agree", { bold: {} });
    p.insert(0, [t]);
    a.ydoc.getXmlFragment("default").insert(0, [p]);
    const view = await until(async () => {
      const v = await getResponseForReaders(db, VISITOR, paper.id);
      return v.html.includes("We agree") ? v : null;
    }, "reader render updated");
    expect(view.html).toBe("<p><strong>We agree</strong></p>");
    expect(view.text.trim()).toBe("We agree");
    expect(view.contentUpdatedAt).toBeInstanceOf(Date);
  });

  it("never lets one instance's snapshot drop what another instance stored", async () => {
    // Two instances with the same document open (an old one finishing while a new one serves).
    const first = await start({ compactAfterUpdates: 1 });
    const second = await start({ compactAfterUpdates: 1 });
    const { doc } = await newDocument();
    const a = client(doc, (await writer(doc)).token, `ws://127.0.0.1:${first.port}`);
    const b = client(doc, (await writer(doc)).token, `ws://127.0.0.1:${second.port}`);
    await Promise.all([synced(a), synced(b)]);
    a.ydoc.getText("body").insert(0, "alpha ");
    await until(async () => (await storedText(doc)).includes("alpha"), "alpha stored");
    b.ydoc.getText("body").insert(0, "beta ");
    await until(async () => (await storedText(doc)).includes("beta"), "beta stored");
    a.ydoc.getText("body").insert(0, "gamma ");
    await until(async () => (await storedText(doc)).includes("gamma"), "gamma stored");
    const text = await storedText(doc);
    expect(text).toContain("alpha");
    expect(text).toContain("beta");
    // Once the first instance's snapshot holds gamma, the second one's next compaction conflicts with
    // it: it merges that snapshot (and so b receives alpha and gamma) instead of overwriting it.
    await until(async () => {
      const snapshot = await loadSnapshot(db, doc);
      if (!snapshot) return false;
      const d = new Y.Doc();
      Y.applyUpdate(d, snapshot.state);
      const has = d.getText("body").toString().includes("gamma");
      d.destroy();
      return has;
    }, "the first instance's snapshot holds gamma");
    b.ydoc.getText("body").insert(0, "delta ");
    await until(() => textOf(b).includes("alpha") && textOf(b).includes("gamma"), "b received alpha through the merged snapshot");
    // delta is stored on its own schedule: wait for it to arrive (on a loaded machine it can come after the merge).
    await until(async () => (await storedText(doc)).includes("delta"), "delta stored beside the merged snapshot");
    const final = await storedText(doc);
    for (const word of ["alpha", "beta", "gamma", "delta"]) expect(final).toContain(word);
  });

  it("shows each caret under the name of the member behind the socket, whatever the client claims", async () => {
    const { doc } = await newDocument();
    const alice = await writer(doc);
    const a = client(doc, alice.token);
    const b = client(doc, (await writer(doc)).token);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "Somebody Else", color: "#aa0000" });
    const seen = await until(() => {
      const state = b.provider.awareness.getStates().get(a.ydoc.clientID) as { user?: { name: string; color: string; id: string } } | undefined;
      return state?.user?.id ? state.user : null;
    }, "b sees a's caret");
    expect(seen).toEqual({ name: alice.person.displayName, color: "#aa0000", id: alice.person.id });
  });

  it("lets a connection publish awareness only for its own client id", async () => {
    const { doc } = await newDocument();
    const a = client(doc, (await writer(doc)).token);
    const b = client(doc, (await writer(doc)).token);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "A", color: "#111111" });
    await until(() => b.provider.awareness.getStates().has(a.ydoc.clientID), "b sees a's caret");
    // A raw frame from b that claims to be a (and a made-up client), then one for b itself.
    const victim = a.ydoc.clientID;
    const forged = encodeAwarenessEntries([
      { clientId: victim, clock: 1000, state: JSON.stringify({ user: { name: "Forged", color: "#ff0000" }, cursor: null }) },
      { clientId: 424242, clock: 1, state: JSON.stringify({ user: { name: "Ghost" } }) },
    ]);
    const frame = new Uint8Array([MESSAGE.awareness, ...encodeVarBytes(forged)]);
    (b.provider.ws as unknown as WebSocket).send(frame);
    b.provider.awareness.setLocalStateField("user", { name: "B", color: "#222222" });
    // The barrier: a sees b's own (later) state, so the forged frame was handled before.
    await until(() => a.provider.awareness.getStates().has(b.ydoc.clientID), "a sees b's caret");
    const c = client(doc, (await writer(doc)).token);
    await synced(c);
    await until(() => c.provider.awareness.getStates().has(b.ydoc.clientID) && c.provider.awareness.getStates().has(victim), "c sees both carets");
    const states = c.provider.awareness.getStates();
    expect((states.get(victim) as { user: { color: string } }).user.color).toBe("#111111");
    expect(states.has(424242)).toBe(false);
    expect(a.closes).toEqual([]);
  });

  it("closes the socket and broadcasts nothing when an update cannot be stored", async () => {
    // No periodic re-check here: it would close the socket for the deleted account before the store fails.
    const own = await start({ recheckIntervalMs: 3_600_000 });
    const at = `ws://127.0.0.1:${own.port}`;
    const { doc } = await newDocument();
    const doomed = await writer(doc);
    const a = client(doc, doomed.token, at);
    const b = client(doc, (await writer(doc)).token, at);
    await Promise.all([synced(a), synced(b)]);
    // The account disappears while connected: storing its next update fails on the foreign key.
    await db.delete(users).where(eq(users.id, doomed.person.id));
    a.ydoc.getText("body").insert(0, "never stored");
    await until(() => a.closes.includes(CLOSE.storageFailed), "socket closed after the failed store");
    b.ydoc.getText("body").insert(0, "stored ");
    await until(async () => (await storedText(doc)) === "stored ", "the other member still writes");
    expect(textOf(b)).toBe("stored ");
  });
});
