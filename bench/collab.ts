/**
 * `npx tsx bench/collab.ts [--editors=100] [--seconds=20] [--rates=1,2,5]` (updates per editor per second)
 *   `[--fanout-editors=50] [--fanout-rate=2] [--fanout-seconds=10] [--only=fanout]`
 *
 * First, fan-out side by side: the same editors on one document against (a) an in-memory reference
 * y-websocket server (bench/reference-server.ts: y-protocols + ws, no auth, no storage), (b) one
 * sidecar, (c) two sidecars sharing the document through a Redis of the bench's own, the editors
 * split across them. Printed as the time for an update to reach every other editor and as the
 * ratio to the reference (goal ≤ 1.0×).
 *
 * Figures for the collaboration sidecar, on a database of its own with the sidecar as a child
 * process (as in production): 100 simulated editors (real y-websocket clients, spread over a few
 * processes) on one document — time for an update to reach all other editors (p50/p95/p99) and
 * updates per second sustained at each offered rate; sidecar memory per open document (50
 * documents with content, measured inside the sidecar); time to load a 10 MB document from
 * PostgreSQL. Writes bench/results/collab-*.json.
 */
import { fork, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import { randomBytes } from "node:crypto";
import { benchDatabase, bundleSidecar, now, percentile, startRedis, stopRedis, writeResult } from "@/collab/bench-support";
import type { CollabStats } from "@/collab/server";
import { connectClient, freePort, spawnSidecar, synced, until, type TestClient } from "@/collab/test-helpers";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const EDITORS = Number(arg("editors", "100"));
const SECONDS = Number(arg("seconds", "20"));
const RATES = arg("rates", "1,2,5").split(",").map(Number);
const PROCESSES = Number(arg("processes", "4"));
const FANOUT_EDITORS = Number(arg("fanout-editors", "50"));
const FANOUT_RATE = Number(arg("fanout-rate", "2"));
const FANOUT_SECONDS = Number(arg("fanout-seconds", "10"));
const ONLY_FANOUT = arg("only", "") === "fanout";
const MEMORY_DOCS = 50;
let vocabulary: string[] | undefined;

// Each y-websocket client in this process adds an exit listener.
process.setMaxListeners(0);
const database = await benchDatabase("collab");
const { getDb, closeDb } = await import("@/db");
const { collabUpdates } = await import("@/db/schema");
const { ensureResponse } = await import("@/lib/collab/documents");
const { loadStoredDocument, loadYDoc, packState, storeSnapshot } = await import("@/lib/collab/persistence");
const { signCollabToken } = await import("@/lib/collab/token");
const { createPerson, createTestPaper } = await import("@/lib/testing/factories");
const db = getDb();

const port = await freePort();
const sidecar = await spawnSidecar(port, { COLLAB_DEBUG_STATS: "1", COLLAB_UNLOAD_MS: "500", PORT: "3000" }, ["--expose-gc"]);
const url = `ws://127.0.0.1:${port}`;
const stats = async (gc = true) =>
  (await fetch(`http://127.0.0.1:${port}/debug/stats${gc ? "?gc" : ""}`)).json() as Promise<CollabStats>;
const results: Record<string, unknown> = { editors: EDITORS, seconds: SECONDS, machine: `${(await import("node:os")).cpus().length} cores` };

async function newDoc() {
  const paper = await createTestPaper(db);
  return `response.${await ensureResponse(db, paper.id)}`;
}

try {
  // 0. Fan-out against the reference server, one sidecar and two sidecars.
  results.fanout = await compareFanout();
  printFanout(results.fanout as FanoutRow[]);
  if (ONLY_FANOUT) {
    console.log(`\nWritten to ${writeResult("collab-fanout", results)}`);
    process.exit(0);
  }

  // 1. Latency and throughput with EDITORS editors on one document.
  const doc = await newDoc();
  const people = [];
  for (let i = 0; i < EDITORS; i++) people.push(await createPerson(db, { name: `Editor ${i}` }));
  const tokens = await Promise.all(people.map((p) => signCollabToken({ sub: p.id, doc, mode: "write" }, 3600)));
  const children: ChildProcess[] = [];
  const ask = (child: ChildProcess, msg: object, reply: string) =>
    new Promise<Reply>((resolve) => {
      const on = (m: Reply) => {
        if (m.type === reply) {
          child.off("message", on);
          resolve(m);
        }
      };
      child.on("message", on);
      child.send(msg);
    });
  for (let p = 0; p < PROCESSES; p++) children.push(fork("collab/bench-editors.ts", [], { execArgv: ["--import", "tsx", ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/collab-prof"] : [])] }));
  const connectStart = now();
  await Promise.all(
    children.map((child, p) =>
      ask(child, { type: "start", url, doc, tokens: tokens.filter((_, i) => i % PROCESSES === p), prefix: `p${p}`, ratePerClient: 0 }, "ready"),
    ),
  );
  results.connectAllMs = Math.round(now() - connectStart);
  const phases = [];
  for (const rate of RATES) {
    phases.push(await runPhase(children, rate, ask));
  }
  results.phases = phases;
  for (const child of children) child.send({ type: "exit" });

  // 2. Memory per open document: MEMORY_DOCS documents with content, each held open by one client.
  await until(async () => (await stats()).documents === 0, "main document unloaded", 30_000, 200);
  const before = await stats();
  const memDocs: string[] = [];
  const person = await createPerson(db);
  let contentBytes = 0;
  for (let d = 0; d < MEMORY_DOCS; d++) {
    const name = await newDoc();
    const state = realisticDocument(400, 60);
    contentBytes += state.byteLength;
    await storeSnapshot(db, name, state, [], 0);
    memDocs.push(name);
  }
  const holders: TestClient[] = [];
  for (const name of memDocs) holders.push(connectClient(url, name, await signCollabToken({ sub: person.id, doc: name, mode: "write" }, 3600)));
  await Promise.all(holders.map((c) => synced(c, 60_000)));
  const after = await stats();
  results.memory = {
    documents: MEMORY_DOCS,
    encodedBytesPerDocument: Math.round(contentBytes / MEMORY_DOCS),
    heapPerDocumentKB: Math.round((after.heapUsed - before.heapUsed) / MEMORY_DOCS / 1024),
    rssPerDocumentKB: Math.round((after.rss - before.rss) / MEMORY_DOCS / 1024),
  };
  for (const c of holders) c.destroy();

  // 3. Loading a 10 MB document from PostgreSQL (snapshot plus a tail of updates).
  const big = await newDoc();
  const bigState = tenMegabyteDocument();
  await storeSnapshot(db, big, bigState, [], 0);
  const tail = new Y.Doc();
  Y.applyUpdate(tail, bigState);
  const tailUpdates: Uint8Array[] = [];
  tail.on("update", (u: Uint8Array) => tailUpdates.push(u));
  for (let i = 0; i < 100; i++) tail.getXmlFragment("default").insert(0, [paragraph(`tail ${i}`)]);
  await db.insert(collabUpdates).values(tailUpdates.map((update) => ({ doc: big, update, userId: null })));
  const fetchTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t = now();
    await loadStoredDocument(db, big);
    fetchTimes.push(now() - t);
    t = now();
    const { ydoc } = await loadYDoc(db, big);
    loadTimes.push(now() - t);
    ydoc.destroy();
  }
  fetchTimes.sort((a, b) => a - b);
  loadTimes.sort((a, b) => a - b);
  const t = now();
  const reader = connectClient(url, big, await signCollabToken({ sub: person.id, doc: big, mode: "read" }, 3600));
  await synced(reader, 60_000);
  const firstSyncMs = now() - t;
  reader.destroy();
  results.bigDocument = {
    encodedMB: +(bigState.byteLength / 1024 / 1024).toFixed(1),
    storedMB: +((await packState(bigState)).byteLength / 1024 / 1024).toFixed(1),
    fetchMedianMs: +percentile(fetchTimes, 50).toFixed(1),
    loadMedianMs: +percentile(loadTimes, 50).toFixed(1),
    loadMaxMs: +loadTimes.at(-1)!.toFixed(1),
    firstClientSyncMs: Math.round(firstSyncMs),
  };

  const file = writeResult("collab", results);
  printTable(results);
  console.log(`\nWritten to ${file}`);
} finally {
  await sidecar.kill("SIGTERM");
  await closeDb();
  await database.drop();
}

async function runPhase(children: ChildProcess[], rate: number, ask: (c: ChildProcess, m: object, r: string) => Promise<Reply>) {
  const rowsBefore = Number((await db.select({ n: sql<number>`coalesce(max(seq), 0)` }).from(collabUpdates))[0]!.n);
  for (const child of children) child.send({ type: "rate", ratePerClient: rate });
  const cpuBefore = (await stats(false)).cpuMs; // also resets the store-delay sample
  for (const child of children) child.send({ type: "go" });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const child of children) child.send({ type: "stop" });
  const after = await stats(false);
  const sidecarCpuPercent = Math.round(((after.cpuMs - cpuBefore) / (SECONDS * 1000)) * 100);
  let latencies: number[] = [];
  let clientLoopDelayP99 = 0;
  let sentCount = 0;
  let complete = 0;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reports = await Promise.all(children.map((c) => ask(c, { type: "report" }, "report")));
    clientLoopDelayP99 = Math.max(...reports.map((r) => r.loopDelayP99Ms));
    const sent = new Map<string, number>(reports.flatMap((r) => r.sent));
    const reach = new Map<string, { max: number; count: number }>();
    for (const r of reports)
      for (const [tag, max, count] of r.received) {
        const x = reach.get(tag);
        if (x) {
          x.max = Math.max(x.max, max);
          x.count += count;
        } else reach.set(tag, { max, count });
      }
    sentCount = sent.size;
    latencies = [];
    complete = 0;
    for (const [tag, t] of sent) {
      const r = reach.get(tag);
      if (r && r.count >= EDITORS - 1) {
        complete++;
        latencies.push(r.max - t);
      }
    }
    if (complete === sentCount || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const rowsAfter = Number((await db.select({ n: sql<number>`coalesce(max(seq), 0)` }).from(collabUpdates))[0]!.n);
  latencies.sort((a, b) => a - b);
  return {
    offeredPerSecond: rate * EDITORS,
    sent: sentCount,
    reachedEveryone: complete,
    deliveredPerSecond: Math.round(complete / SECONDS),
    storedRows: rowsAfter - rowsBefore,
    sidecarCpuPercent,
    sidecarStoreToBroadcastMs: after.storeToBroadcastMs,
    clientEventLoopDelayP99Ms: +clientLoopDelayP99.toFixed(1),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p95Ms: +percentile(latencies, 95).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
    maxMs: +(latencies.at(-1) ?? NaN).toFixed(1),
  };
}

interface Reply {
  type: string;
  sent: [string, number][];
  received: [string, number, number][];
  loopDelayP99Ms: number;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}


/** A Tiptap-shaped document (paragraphs in the "default" fragment) typed in many small edits. */
/** Prose-like text: words drawn with a Zipf-like skew from a 5000-word vocabulary, so it compresses like prose. */
function sentence(n: number): string {
  vocabulary ??= Array.from({ length: 5000 }, () =>
    Array.from({ length: 2 + Math.floor(Math.random() * 8) }, () => "etaoinshrdlcumwfgypbvkjxqz"[Math.floor(Math.random() ** 2 * 26)]).join(""),
  );
  return Array.from({ length: n }, () => vocabulary![Math.floor(Math.random() ** 3 * vocabulary!.length)]).join(" ");
}

function realisticDocument(paragraphs: number, edits: number): Uint8Array {
  const d = new Y.Doc();
  const frag = d.getXmlFragment("default");
  for (let i = 0; i < paragraphs; i++) frag.insert(frag.length, [paragraph(sentence(8))]);
  for (let i = 0; i < edits; i++) {
    const p = frag.get(Math.floor(Math.random() * frag.length)) as Y.XmlElement;
    const text = p.get(0) as Y.XmlText;
    text.insert(Math.floor(Math.random() * text.length), ` ${sentence(2)}`);
    if (i % 3 === 0) text.delete(0, Math.min(3, text.length));
  }
  const state = Y.encodeStateAsUpdate(d);
  d.destroy();
  return state;
}

function tenMegabyteDocument(): Uint8Array {
  const d = new Y.Doc();
  const frag = d.getXmlFragment("default");
  const items: Y.XmlElement[] = [];
  for (let i = 0; i < 10_500; i++) items.push(paragraph(sentence(220).slice(0, 1000)));
  frag.insert(0, items);
  const state = Y.encodeStateAsUpdate(d);
  d.destroy();
  return state;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a printout of the JSON above
function printTable(r: Record<string, any>) {
  console.log(`\nCollaboration sidecar, ${r.editors} editors on one document, ${r.seconds} s per rate (${r.machine}); all connected in ${r.connectAllMs} ms`);
  console.log("offered/s  sent    reached all  delivered/s  p50 ms  p95 ms  p99 ms  max ms  sidecar CPU");
  for (const p of r.phases)
    console.log(
      `${String(p.offeredPerSecond).padEnd(10)} ${String(p.sent).padEnd(7)} ${String(p.reachedEveryone).padEnd(12)} ${String(p.deliveredPerSecond).padEnd(12)} ${String(p.p50Ms).padEnd(7)} ${String(p.p95Ms).padEnd(7)} ${String(p.p99Ms).padEnd(7)} ${String(p.maxMs).padEnd(7)} ${p.sidecarCpuPercent}%`,
    );
  for (const p of r.phases)
    console.log(
      `  at ${p.offeredPerSecond}/s inside the sidecar, receipt to broadcast (stored in between): p50 ${p.sidecarStoreToBroadcastMs?.p50} ms, p95 ${p.sidecarStoreToBroadcastMs?.p95} ms, p99 ${p.sidecarStoreToBroadcastMs?.p99} ms; editor processes' event-loop delay p99 ${p.clientEventLoopDelayP99Ms} ms`,
    );
  const m = r.memory;
  console.log(`memory: ${m.documents} open documents (${(m.encodedBytesPerDocument / 1024).toFixed(0)} KB encoded each): heap ${m.heapPerDocumentKB} KB/document, RSS ${m.rssPerDocumentKB} KB/document`);
  const b = r.bigDocument;
  console.log(`10 MB document (${b.encodedMB} MB encoded, ${b.storedMB} MB stored): fetch ${b.fetchMedianMs} ms, fetch+load median ${b.loadMedianMs} ms (max ${b.loadMaxMs}), first client synced in ${b.firstClientSyncMs} ms`);
}

interface FanoutRow {
  server: string;
  sent: number;
  reachedEveryone: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** FANOUT_EDITORS editors typing FANOUT_RATE updates/s each on one document of each server in turn. */
async function compareFanout(): Promise<FanoutRow[]> {
  const { spawn } = await import("node:child_process");
  const rows: FanoutRow[] = [];
  const people = [];
  for (let i = 0; i < FANOUT_EDITORS; i++) people.push(await createPerson(db, { name: `Fan-out editor ${i}` }));

  const refPort = await freePort();
  const reference = spawn(process.execPath, ["--import", "tsx", "bench/reference-server.ts", String(refPort)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => reference.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
  rows.push(await fanoutRun("reference y-websocket server (in memory)", [`ws://127.0.0.1:${refPort}`], await newDoc(), people));
  reference.kill("SIGTERM");

  rows.push(await fanoutRun("one sidecar", [url], await newDoc(), people));

  const redisPort = await freePort();
  const redis = await startRedis(redisPort);
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}:`, PORT: "3000" };
  const ports = [await freePort(), await freePort()];
  const entry = await bundleSidecar();
  const pair = [];
  for (const p of ports) pair.push(await spawnSidecar(p, env, [], entry));
  try {
    rows.push(await fanoutRun("two sidecars + Redis (editors split)", ports.map((p) => `ws://127.0.0.1:${p}`), await newDoc(), people));
  } finally {
    await Promise.all(pair.map((s) => s.kill("SIGTERM")));
    await stopRedis(redisPort, redis);
  }
  return rows;
}

async function fanoutRun(server: string, urls: string[], doc: string, people: { id: string }[]): Promise<FanoutRow> {
  const tokens = await Promise.all(people.map((p) => signCollabToken({ sub: p.id, doc, mode: "write" }, 3600)));
  const children: ChildProcess[] = [];
  const ask = (child: ChildProcess, msg: object, reply: string) =>
    new Promise<Reply>((resolve) => {
      const on = (m: Reply) => {
        if (m.type === reply) {
          child.off("message", on);
          resolve(m);
        }
      };
      child.on("message", on);
      child.send(msg);
    });
  for (let p = 0; p < PROCESSES; p++) children.push(fork("collab/bench-editors.ts", [], { execArgv: ["--import", "tsx"] }));
  await Promise.all(
    children.map((child, p) =>
      ask(child, { type: "start", url: urls[p % urls.length], doc, tokens: tokens.filter((_, i) => i % PROCESSES === p), prefix: `p${p}`, ratePerClient: 0 }, "ready"),
    ),
  );
  for (const child of children) child.send({ type: "rate", ratePerClient: FANOUT_RATE });
  for (const child of children) child.send({ type: "go" });
  await new Promise((r) => setTimeout(r, FANOUT_SECONDS * 1000));
  for (const child of children) child.send({ type: "stop" });
  let latencies: number[] = [];
  let sentCount = 0;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reports = await Promise.all(children.map((c) => ask(c, { type: "report" }, "report")));
    const sent = new Map<string, number>(reports.flatMap((r) => r.sent));
    const reach = new Map<string, { max: number; count: number }>();
    for (const r of reports)
      for (const [tag, max, count] of r.received) {
        const x = reach.get(tag);
        if (x) {
          x.max = Math.max(x.max, max);
          x.count += count;
        } else reach.set(tag, { max, count });
      }
    sentCount = sent.size;
    latencies = [];
    for (const [tag, t] of sent) {
      const r = reach.get(tag);
      if (r && r.count >= people.length - 1) latencies.push(r.max - t);
    }
    if (latencies.length === sentCount || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const child of children) child.send({ type: "exit" });
  latencies.sort((a, b) => a - b);
  return {
    server,
    sent: sentCount,
    reachedEveryone: latencies.length,
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p95Ms: +percentile(latencies, 95).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
  };
}

function printFanout(rows: FanoutRow[]) {
  const ref = rows[0]!;
  console.log(`\nFan-out: ${FANOUT_EDITORS} editors on one document, ${FANOUT_RATE} updates/s each for ${FANOUT_SECONDS} s; time until an update reached every other editor`);
  console.log("server                                      sent   reached all  p50 ms  p95 ms  p99 ms  p50 vs reference  p95 vs reference");
  for (const r of rows)
    console.log(
      `${r.server.padEnd(43)} ${String(r.sent).padEnd(6)} ${String(r.reachedEveryone).padEnd(12)} ${String(r.p50Ms).padEnd(7)} ${String(r.p95Ms).padEnd(7)} ${String(r.p99Ms).padEnd(7)} ${(r.p50Ms / ref.p50Ms).toFixed(2).padStart(5)}×           ${(r.p95Ms / ref.p95Ms).toFixed(2).padStart(5)}×`,
    );
}
