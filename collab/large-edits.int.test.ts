/**
 * Large offline edits: a real y-websocket client that typed more than the sidecar's 1 MB frame cap
 * while offline sends it in parts (lib/collab/chunked-sync.ts) and converges; without the wrapper
 * the same client is closed with 4413 on every attempt.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { enableChunkedSync } from "@/lib/collab/chunked-sync";
import { ensureResponse, issueCollabToken } from "@/lib/collab/documents";
import { loadYDoc } from "@/lib/collab/persistence";
import { CLOSE, MAX_FRAME_BYTES } from "@/lib/collab/protocol";
import { createPerson, createTestPaper } from "@/lib/testing/factories";
import { startCollabServer, type CollabServer } from "./server";
import { connectClient, synced, until, type TestClient } from "./test-helpers";

const db = getDb();
let server: CollabServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startCollabServer({ db, port: 0, host: "127.0.0.1", allowedOrigins: [], log: () => {} });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.close();
  await closeDb();
});

async function setUp(chunked: { onParts?: (n: number) => void } | null) {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  const token = async () => (await issueCollabToken(db, await loadActor(db, (await createPerson(db)).id), doc, "write")).token;
  const url = `ws://127.0.0.1:${server.port}`;
  const offline = connectClient(url, doc, await token(), { connect: false, maxBackoffTime: 200 });
  const peer = connectClient(url, doc, await token());
  clients.push(offline, peer);
  // As in the browser: the wrapper is there from the start, before the member types.
  if (chunked) enableChunkedSync(offline.provider, chunked);
  await synced(peer);
  // 3 MB typed offline in 50 edits of 64 KB: one answer to the handshake would be three frames' worth.
  for (let i = 0; i < 50; i++) offline.ydoc.getText("body").insert(0, randomBytes(32 * 1024).toString("hex"));
  const total = offline.ydoc.getText("body").length;
  expect(total).toBeGreaterThan(3 * MAX_FRAME_BYTES);
  return { doc, offline, peer, total };
}

describe("large offline edits", () => {
  it("are sent in parts under the frame cap and reach the server and the other clients", { timeout: 60_000 }, async () => {
    const partCounts: number[] = [];
    const { doc, offline, peer, total } = await setUp({ onParts: (n) => partCounts.push(n) });
    offline.provider.connect();
    await until(() => peer.ydoc.getText("body").length === total, "the peer has every offline edit", 30_000, 50);
    expect(peer.ydoc.getText("body").toString()).toBe(offline.ydoc.getText("body").toString());
    expect(offline.closes).toEqual([]);
    expect(partCounts[0]).toBeGreaterThanOrEqual(3);
    const { ydoc } = await loadYDoc(db, doc);
    expect(ydoc.getText("body").length).toBe(total);
    ydoc.destroy();
  });

  it("without the wrapper, are refused as one oversized frame on every attempt", { timeout: 60_000 }, async () => {
    const { offline, peer } = await setUp(null);
    offline.provider.connect();
    // 4413 from the sidecar, or 1009 from ws itself for a frame over twice the cap.
    const refused = () => offline.closes.filter((c) => c === CLOSE.tooLarge || c === 1009).length;
    await until(() => refused() >= 2, "refused twice", 30_000, 50);
    expect(peer.ydoc.getText("body").length).toBe(0);
  });
});
