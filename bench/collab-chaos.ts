/**
 * `npx tsx bench/collab-chaos.ts [--clients=8] [--cycles=10]`
 *
 * The no-loss storm, larger than the one in `npm test`: clients keep inserting uniquely tagged
 * words while the sidecar (a child process) is killed with SIGKILL and restarted on the same port
 * at random intervals. Then it checks that every tag any client inserted is in every client's
 * document and in the document loaded from PostgreSQL. Writes bench/results/collab-chaos-*.json.
 */
import { benchDatabase, now, writeResult } from "@/collab/bench-support";
import { connectClient, freePort, spawnSidecar, startTagging, synced, tagsIn, until, type TestClient } from "@/collab/test-helpers";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const CLIENTS = Number(arg("clients", "8"));
const CYCLES = Number(arg("cycles", "10"));
const TYPE_EVERY_MS = Number(arg("every", "20"));

process.setMaxListeners(0);
const database = await benchDatabase("chaos");
const { getDb, closeDb } = await import("@/db");
const { ensureResponse } = await import("@/lib/collab/documents");
const { loadYDoc } = await import("@/lib/collab/persistence");
const { signCollabToken } = await import("@/lib/collab/token");
const { createPerson, createTestPaper } = await import("@/lib/testing/factories");
const db = getDb();
const port = await freePort();
let sidecar = await spawnSidecar(port);
const clients: TestClient[] = [];

try {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  for (let i = 0; i < CLIENTS; i++) {
    const person = await createPerson(db);
    clients.push(connectClient(`ws://127.0.0.1:${port}`, doc, await signCollabToken({ sub: person.id, doc, mode: "write" }, 3600), { maxBackoffTime: 500 }));
  }
  await Promise.all(clients.map((c) => synced(c, 30_000)));

  const { inserted, stop: stopTagging } = startTagging(clients, TYPE_EVERY_MS);

  const started = now();
  const downtimes: number[] = [];
  for (let k = 0; k < CYCLES; k++) {
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300));
    await sidecar.kill("SIGKILL");
    const t = now();
    sidecar = await spawnSidecar(port);
    downtimes.push(now() - t);
    process.stdout.write(`cycle ${k + 1}/${CYCLES}: killed and restarted (${Math.round(downtimes.at(-1)!)} ms down)\n`);
  }
  await new Promise((r) => setTimeout(r, 500));
  stopTagging();
  const stormSeconds = (now() - started) / 1000;

  const stopTyping = now();
  const complete = (text: string) => {
    const found = tagsIn(text);
    return [...inserted].every((t) => found.has(t));
  };
  await until(() => clients.every((c) => complete(c.ydoc.getText("body").toString())), "clients converged", 60_000, 50).catch(() => false);
  const convergeMs = now() - stopTyping;
  const lostOnClients = new Set<string>();
  for (const c of clients) {
    const tags = tagsIn(c.ydoc.getText("body").toString());
    for (const t of inserted) if (!tags.has(t)) lostOnClients.add(t);
  }
  const { ydoc } = await loadYDoc(db, doc);
  const storedTags = tagsIn(ydoc.getText("body").toString());
  ydoc.destroy();
  const lostInDatabase = [...inserted].filter((t) => !storedTags.has(t));
  const identical = clients.every((c) => c.ydoc.getText("body").toString() === clients[0]!.ydoc.getText("body").toString());

  const result = {
    cycles: CYCLES,
    clients: CLIENTS,
    stormSeconds: +stormSeconds.toFixed(1),
    tagsInserted: inserted.size,
    tagsLostOnClients: lostOnClients.size,
    tagsLostInDatabase: lostInDatabase.length,
    clientsIdentical: identical,
    convergeMs: Math.round(convergeMs),
    meanRestartMs: Math.round(downtimes.reduce((a, b) => a + b, 0) / downtimes.length),
  };
  const file = writeResult("collab-chaos", result);
  console.log("\ncycles  clients  storm s  tags inserted  lost (clients)  lost (PostgreSQL)  identical  converged in  mean restart");
  console.log(
    `${String(result.cycles).padEnd(7)} ${String(result.clients).padEnd(8)} ${String(result.stormSeconds).padEnd(8)} ${String(result.tagsInserted).padEnd(14)} ${String(result.tagsLostOnClients).padEnd(15)} ${String(result.tagsLostInDatabase).padEnd(18)} ${String(result.clientsIdentical).padEnd(10)} ${String(result.convergeMs + " ms").padEnd(13)} ${result.meanRestartMs} ms`,
  );
  console.log(`\nWritten to ${file}`);
  if (result.tagsLostOnClients || result.tagsLostInDatabase || !identical) process.exitCode = 1;
} finally {
  for (const c of clients) c.destroy();
  await sidecar.kill("SIGTERM");
  await closeDb();
  await database.drop();
}
