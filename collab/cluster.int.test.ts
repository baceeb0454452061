/**
 * Several sidecars on one document through Redis Streams, with PostgreSQL as the one durable log:
 * clients split across two sidecars converge (text and carets), a suspension or a theme's change
 * announced by the web app closes or downgrades sockets on every sidecar within a second, a quote
 * the web app adds reaches every sidecar, and a sidecar that cannot reach Redis still converges
 * (from PostgreSQL). Keys carry a random prefix, so parallel runs share one Redis safely.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { collabUpdates } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { ensureResponse, issueCollabToken } from "@/lib/collab/documents";
import { loadYDoc } from "@/lib/collab/persistence";
import { CLOSE } from "@/lib/collab/protocol";
import { suspendMember } from "@/lib/members/commands";
import { setThemeArchived } from "@/lib/themes/commands";
import { addQuoteToResponse } from "@/lib/responses/quotes";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { pgNotifications } from "./pg-notifications";
import { redisFanout } from "./redis-fanout";
import { startCollabServer, type CollabServer } from "./server";
import { connectClient, freePort, startTagging, synced, tagsIn, until, type TestClient } from "./test-helpers";

const db = getDb();
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test-${randomBytes(6).toString("hex")}:`;
const servers: CollabServer[] = [];
const clients: TestClient[] = [];
let one: CollabServer;
let two: CollabServer;

async function sidecar(redisUrl = REDIS_URL) {
  const s = await startCollabServer({
    db,
    port: 0,
    host: "127.0.0.1",
    allowedOrigins: [],
    // An hour: whatever closes a socket in these tests is the announcement, not the periodic check.
    recheckIntervalMs: 3_600_000,
    unloadDelayMs: 200,
    log: () => {},
    extensions: [pgNotifications(process.env.DATABASE_URL!), redisFanout({ url: redisUrl, prefix, reconcileMs: 60_000 })],
  });
  servers.push(s);
  await s.ready();
  return s;
}

const at = (s: CollabServer) => `ws://127.0.0.1:${s.port}`;
const textOf = (c: TestClient) => c.ydoc.getText("body").toString();

async function newDocument(themeId?: string) {
  const paper = await createTestPaper(db, themeId ? { themeId } : {});
  return `response.${await ensureResponse(db, paper.id)}`;
}

async function editor(doc: string, s: CollabServer) {
  const person = await createPerson(db);
  const { token } = await issueCollabToken(db, await loadActor(db, person.id), doc, "write");
  const c = connectClient(at(s), doc, token, { maxBackoffTime: 200 });
  clients.push(c);
  return { person, client: c };
}

beforeAll(async () => {
  one = await sidecar();
  two = await sidecar();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await closeDb();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("two sidecars with Redis", () => {
  it("converges clients split across both sidecars, and PostgreSQL holds every edit", async () => {
    const doc = await newDocument();
    const split: TestClient[] = [];
    for (let i = 0; i < 6; i++) split.push((await editor(doc, i % 2 ? two : one)).client);
    await Promise.all(split.map((c) => synced(c)));
    const { inserted, stop } = startTagging(split, 20);
    await new Promise((r) => setTimeout(r, 600));
    stop();
    const complete = (text: string) => [...inserted].every((t) => tagsIn(text).has(t));
    await until(() => split.every((c) => complete(textOf(c))), "every client holds every tag");
    expect(new Set(split.map(textOf)).size).toBe(1);
    const { ydoc } = await loadYDoc(db, doc);
    expect(complete(ydoc.getText("body").toString())).toBe(true);
    ydoc.destroy();
    expect(inserted.size).toBeGreaterThan(30);
  });

  it("shows a caret set on one sidecar to a client on the other, under the member's name", async () => {
    const doc = await newDocument();
    const a = await editor(doc, one);
    const b = await editor(doc, two);
    await Promise.all([synced(a.client), synced(b.client)]);
    a.client.provider.awareness.setLocalStateField("user", { name: "Not my name", color: "#123456" });
    const seen = await until(
      () => (b.client.provider.awareness.getStates().get(a.client.ydoc.clientID) as { user?: { name: string; id: string } } | undefined)?.user,
      "b sees a's caret across sidecars",
    );
    expect(seen).toMatchObject({ name: a.person.displayName, id: a.person.id });
  });

  it("closes a suspended member's socket on the other sidecar in under a second", async () => {
    const doc = await newDocument();
    const admin = await createPerson(db, { roles: ["admin"] });
    const target = await editor(doc, two);
    await synced(target.client);
    const started = performance.now();
    await suspendMember(db, await loadActor(db, admin.id), { userId: target.person.id, reason: "test" });
    await until(() => target.client.closes.includes(CLOSE.forbidden), "socket closed", 1000, 5);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("downgrades writers on a theme's documents on every sidecar when the theme is archived", async () => {
    const theme = await createTestTheme(db);
    const doc = await newDocument(theme.id);
    const admin = await createPerson(db, { roles: ["admin"] });
    const a = await editor(doc, one);
    const b = await editor(doc, two);
    const elsewhere = await editor(await newDocument(), two);
    await Promise.all([synced(a.client), synced(b.client), synced(elsewhere.client)]);
    await setThemeArchived(db, await loadActor(db, admin.id), theme.id, true, "test");
    await until(() => a.client.closes.includes(CLOSE.forbidden) && b.client.closes.includes(CLOSE.forbidden), "both writers closed", 1000, 5);
    // The barrier: the announcement was handled by now; a document on another theme was left alone.
    await synced(elsewhere.client);
    expect(elsewhere.client.closes).toEqual([]);
  });

  it("brings a quote the web app added (no editor's browser involved) to clients on every sidecar", async () => {
    const paper = await createTestPaper(db);
    const doc = `response.${await ensureResponse(db, paper.id)}`;
    const a = await editor(doc, one);
    const b = await editor(doc, two);
    await Promise.all([synced(a.client), synced(b.client)]);
    const quoted = await createTestComment(db, { paperId: paper.id, body: "Quote me on every sidecar" });
    const member = await loadActor(db, (await createPerson(db)).id);
    await addQuoteToResponse(db, member, paper.id, quoted.id);
    const quoteIn = (c: TestClient) => c.ydoc.getXmlFragment("default").toString().includes("Quote me on every sidecar");
    await until(() => quoteIn(a.client) && quoteIn(b.client), "both clients see the quote");
  });
});

describe("a sidecar without Redis", () => {
  it("keeps converging with the others through PostgreSQL", async () => {
    const deadPort = await freePort();
    const cut = await startCollabServer({
      db,
      port: 0,
      host: "127.0.0.1",
      allowedOrigins: [],
      unloadDelayMs: 200,
      log: () => {},
      extensions: [pgNotifications(process.env.DATABASE_URL!), redisFanout({ url: `redis://127.0.0.1:${deadPort}`, prefix, pollWhileDownMs: 200 })],
    });
    servers.push(cut);
    // Its peer hears nothing from it on Redis: it finds the rows in PostgreSQL on its safety-net round.
    const peer = await startCollabServer({
      db,
      port: 0,
      host: "127.0.0.1",
      allowedOrigins: [],
      unloadDelayMs: 200,
      log: () => {},
      extensions: [pgNotifications(process.env.DATABASE_URL!), redisFanout({ url: REDIS_URL, prefix, reconcileMs: 500 })],
    });
    servers.push(peer);
    await peer.ready();
    const doc = await newDocument();
    const a = await editor(doc, peer);
    const b = await editor(doc, cut);
    await Promise.all([synced(a.client), synced(b.client)]);
    a.client.ydoc.getText("body").insert(0, "via redis? no: via PostgreSQL ");
    b.client.ydoc.getText("body").insert(0, "from the cut-off sidecar ");
    await until(() => textOf(a.client) === textOf(b.client) && textOf(a.client).includes("cut-off") && textOf(a.client).includes("PostgreSQL"), "both converge", 5000);
    const rows = await db.select({ seq: collabUpdates.seq }).from(collabUpdates).where(eq(collabUpdates.doc, doc));
    expect(rows.length).toBeGreaterThan(0);
  });
});
