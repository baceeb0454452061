/**
 * A forked helper process for bench/collab.ts: a share of the simulated editors (real y-websocket
 * clients), so that decoding 100 clients' traffic does not all land on one core of the bench.
 * Talks to its parent over IPC: start → ready, go → (typing), stop, report → report.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { now } from "./bench-support";
import { connectClient, synced, type TestClient } from "./test-helpers";

type Command =
  | { type: "start"; url: string; doc: string; tokens: string[]; prefix: string; ratePerClient: number }
  | { type: "rate"; ratePerClient: number }
  | { type: "go" }
  | { type: "stop" }
  | { type: "report" }
  | { type: "exit" };

const clients: TestClient[] = [];
const sent = new Map<string, number>();
/** For each tag: the latest time any of our clients saw it, and how many of them did. */
const received = new Map<string, { max: number; count: number }>();
const timers: NodeJS.Timeout[] = [];
let config: Extract<Command, { type: "start" }>;
let phase = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const TAG = /\[[a-z0-9]+\]/g;

process.on("message", async (cmd: Command) => {
  if (cmd.type === "start") {
    config = cmd;
    for (const token of cmd.tokens) {
      const c = connectClient(cmd.url, cmd.doc, token, { maxBackoffTime: 1000 });
      // Read the tags from the received update itself: computing a text delta would walk the whole
      // document on every change and measure this process, not the sidecar.
      c.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== c.provider) return;
        const t = now();
        for (const struct of Y.decodeUpdate(update).structs) {
          if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
          for (const tag of struct.content.str.match(TAG) ?? []) {
            const r = received.get(tag);
            if (r) {
              r.max = Math.max(r.max, t);
              r.count++;
            } else received.set(tag, { max: t, count: 1 });
          }
        }
      });
      clients.push(c);
    }
    await Promise.all(clients.map((c) => synced(c, 60_000)));
    process.send!({ type: "ready" });
  } else if (cmd.type === "rate") {
    config.ratePerClient = cmd.ratePerClient;
    phase++;
    loopDelay.reset();
    sent.clear();
    received.clear();
  } else if (cmd.type === "go") {
    clients.forEach((c, i) => {
      let n = 0;
      const every = 1000 / config.ratePerClient;
      // Spread the editors' keystrokes over the interval, as people do not type in lockstep.
      const start = setTimeout(() => {
        timers.push(
          setInterval(() => {
            const tag = `[${config.prefix}r${phase}c${i}n${n++}]`;
            sent.set(tag, now());
            const text = c.ydoc.getText("body");
            text.insert(text.length, tag);
          }, every),
        );
      }, Math.random() * every);
      timers.push(start);
    });
  } else if (cmd.type === "stop") {
    for (const t of timers.splice(0)) clearInterval(t);
  } else if (cmd.type === "report") {
    process.send!({
      type: "report",
      sent: [...sent],
      received: [...received].map(([tag, r]) => [tag, r.max, r.count]),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    });
  } else if (cmd.type === "exit") {
    for (const c of clients) c.destroy();
    process.exit(0);
  }
});
