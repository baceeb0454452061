/**
 * No edit lost: three clients keep inserting uniquely tagged words while the sidecar is killed
 * with SIGKILL and restarted on the same port, three times. Afterwards every tag any client
 * inserted is in every client's document and in the document loaded from PostgreSQL.
 * (Each start of the sidecar compiles it with tsx: seconds on a loaded machine, hence the timeout.)
 */
import { afterAll, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { ensureResponse, issueCollabToken } from "@/lib/collab/documents";
import { loadYDoc } from "@/lib/collab/persistence";
import { createPerson, createTestPaper } from "@/lib/testing/factories";
import { connectClient, freePort, spawnSidecar, startTagging, synced, tagsIn, until, type TestClient } from "./test-helpers";

const db = getDb();
const CLIENTS = 3;
const KILLS = 3;
const clients: TestClient[] = [];
let sidecar: Awaited<ReturnType<typeof spawnSidecar>> | undefined;

afterAll(async () => {
  for (const c of clients) c.destroy();
  await sidecar?.kill("SIGTERM");
  await closeDb();
});

it("loses no tagged word while the sidecar is killed and restarted", { timeout: 120_000 }, async () => {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  const port = await freePort();
  sidecar = await spawnSidecar(port);
  const url = `ws://127.0.0.1:${port}`;
  for (let i = 0; i < CLIENTS; i++) {
    const person = await createPerson(db);
    const { token } = await issueCollabToken(db, await loadActor(db, person.id), doc, "write");
    clients.push(connectClient(url, doc, token, { maxBackoffTime: 200 }));
  }
  await Promise.all(clients.map((c) => synced(c)));

  const { inserted, stop: stopTagging } = startTagging(clients, 15);

  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
    await sidecar.kill("SIGKILL");
    sidecar = await spawnSidecar(port);
  }
  await new Promise((r) => setTimeout(r, 200));
  stopTagging();

  const complete = (text: string) => {
    const found = tagsIn(text);
    return [...inserted].every((t) => found.has(t));
  };
  await until(() => clients.every((c) => complete(c.ydoc.getText("body").toString())), "every client holds every tag", 10_000, 50);
  const first = clients[0]!.ydoc.getText("body").toString();
  expect(clients.every((c) => c.ydoc.getText("body").toString() === first)).toBe(true);
  // Clients converged through the server, which stores before it broadcasts: PostgreSQL has it all.
  await until(async () => {
    const { ydoc } = await loadYDoc(db, doc);
    const ok = complete(ydoc.getText("body").toString());
    ydoc.destroy();
    return ok;
  }, "PostgreSQL holds every tag", 5000, 100);
  const finalTags = tagsIn(first);
  const lost = [...inserted].filter((t) => !finalTags.has(t));
  expect(lost).toEqual([]);
  expect(inserted.size).toBeGreaterThan(CLIENTS * KILLS * 5);
});
