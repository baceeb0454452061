/**
 * `npx tsx bench/collab-chaos.ts [--clients=20] [--cycles=100] [--sidecars=2] [--redis-down=10] [--every=20]`
 *
 * The no-loss storm, larger than the one in `npm test`: clients keep inserting uniquely tagged
 * words while sidecars (child processes) are killed with SIGKILL and restarted on the same port at
 * random intervals, one at a time. With --sidecars=2 (the default) the clients are split across two
 * sidecars that share the document through a Redis of the bench's own (a redis-server on a free
 * port, so the machine's shared Redis is never touched), and halfway through that Redis is shut
 * down (`shutdown nosave`: its streams are lost) for --redis-down seconds and started again, empty.
 * Then it checks that every tag any client inserted is in every client's document and in a fresh
 * load from PostgreSQL, and prints the tags lost (goal 0) and the time to converge.
 * Writes bench/results/collab-chaos-*.json.
 */
import { randomBytes } from "node:crypto";
import { benchDatabase, bundleSidecar, now, startRedis, stopRedis, writeResult } from "@/collab/bench-support";
import { connectClient, freePort, spawnSidecar, startTagging, synced, tagsIn, until, type TestClient } from "@/collab/test-helpers";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const CLIENTS = Number(arg("clients", "20"));
const CYCLES = Number(arg("cycles", "100"));
const SIDECARS = Number(arg("sidecars", "2"));
const REDIS_DOWN_S = SIDECARS > 1 ? Number(arg("redis-down", "10")) : 0;
const TYPE_EVERY_MS = Number(arg("every", "20"));

process.setMaxListeners(0);
const database = await benchDatabase("chaos");
const { getDb, closeDb } = await import("@/db");
const { ensureResponse } = await import("@/lib/collab/documents");
const { loadYDoc } = await import("@/lib/collab/persistence");
const { signCollabToken } = await import("@/lib/collab/token");
const { createPerson, createTestPaper } = await import("@/lib/testing/factories");
const db = getDb();

const redisPort = SIDECARS > 1 ? await freePort() : 0;
let redis = SIDECARS > 1 ? await startRedis(redisPort) : null;
const env: Record<string, string> = SIDECARS > 1 ? { REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: `chaos-${randomBytes(4).toString("hex")}:` } : {};
const ports: number[] = [];
for (let s = 0; s < SIDECARS; s++) ports.push(await freePort());
const entry = await bundleSidecar();
const sidecars = await Promise.all(ports.map((p) => spawnSidecar(p, env, [], entry)));
const clients: TestClient[] = [];

try {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;
  for (let i = 0; i < CLIENTS; i++) {
    const person = await createPerson(db);
    const port = ports[i % SIDECARS]!;
    clients.push(connectClient(`ws://127.0.0.1:${port}`, doc, await signCollabToken({ sub: person.id, doc, mode: "write" }, 3600), { maxBackoffTime: 500 }));
  }
  await Promise.all(clients.map((c) => synced(c, 60_000)));

  const { inserted, stop: stopTagging } = startTagging(clients, TYPE_EVERY_MS);

  const started = now();
  const downtimes: number[] = [];
  let redisOutage: { atCycle: number; downMs: number } | null = null;
  for (let k = 0; k < CYCLES; k++) {
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300));
    if (redis && REDIS_DOWN_S > 0 && k === Math.floor(CYCLES / 2)) {
      const t = now();
      await stopRedis(redisPort, redis);
      process.stdout.write(`Redis shut down (nosave) for ${REDIS_DOWN_S} s\n`);
      await new Promise((r) => setTimeout(r, REDIS_DOWN_S * 1000));
      redis = await startRedis(redisPort);
      redisOutage = { atCycle: k + 1, downMs: Math.round(now() - t) };
      process.stdout.write(`Redis back, empty (${redisOutage.downMs} ms down)\n`);
    }
    const which = k % SIDECARS;
    await sidecars[which]!.kill("SIGKILL");
    const t = now();
    sidecars[which] = await spawnSidecar(ports[which]!, env, [], entry);
    downtimes.push(now() - t);
    process.stdout.write(`cycle ${k + 1}/${CYCLES}: sidecar ${which + 1} killed and restarted (${Math.round(downtimes.at(-1)!)} ms down)\n`);
  }
  await new Promise((r) => setTimeout(r, 500));
  stopTagging();
  const stormSeconds = (now() - started) / 1000;

  const stopTyping = now();
  const complete = (text: string) => {
    const found = tagsIn(text);
    return [...inserted].every((t) => found.has(t));
  };
  await until(() => clients.every((c) => complete(c.ydoc.getText("body").toString())), "clients converged", 120_000, 50).catch(() => false);
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
    sidecars: SIDECARS,
    cycles: CYCLES,
    clients: CLIENTS,
    redisOutage,
    stormSeconds: +stormSeconds.toFixed(1),
    tagsInserted: inserted.size,
    tagsLostOnClients: lostOnClients.size,
    tagsLostInDatabase: lostInDatabase.length,
    clientsIdentical: identical,
    convergeMs: Math.round(convergeMs),
    meanRestartMs: Math.round(downtimes.reduce((a, b) => a + b, 0) / downtimes.length),
  };
  const file = writeResult("collab-chaos", result);
  console.log(`\n${SIDECARS} sidecar(s)${redisOutage ? `, Redis down ${redisOutage.downMs} ms at cycle ${redisOutage.atCycle}` : ""}`);
  console.log("cycles  clients  storm s  tags inserted  lost (clients)  lost (PostgreSQL)  identical  converged in  mean restart");
  console.log(
    `${String(result.cycles).padEnd(7)} ${String(result.clients).padEnd(8)} ${String(result.stormSeconds).padEnd(8)} ${String(result.tagsInserted).padEnd(14)} ${String(result.tagsLostOnClients).padEnd(15)} ${String(result.tagsLostInDatabase).padEnd(18)} ${String(result.clientsIdentical).padEnd(10)} ${String(result.convergeMs + " ms").padEnd(13)} ${result.meanRestartMs} ms`,
  );
  console.log(`\nWritten to ${file}`);
  if (result.tagsLostOnClients || result.tagsLostInDatabase || !identical) process.exitCode = 1;
} finally {
  for (const c of clients) c.destroy();
  await Promise.all(sidecars.map((s) => s.kill("SIGTERM")));
  if (redis) await stopRedis(redisPort, redis);
  await closeDb();
  await database.drop();
}
