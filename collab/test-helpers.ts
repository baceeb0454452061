/** Helpers for the sidecar's tests and benchmarks: real y-websocket clients in Node. */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface TestClient {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen so far (code), newest last. */
  closes: number[];
  destroy(): void;
}

export function connectClient(url: string, doc: string, token: string, opts: { connect?: boolean; maxBackoffTime?: number } = {}): TestClient {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(url, doc, ydoc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: opts.maxBackoffTime ?? 500,
    // The tests decide themselves whether to come back after a 44xx close.
    shouldReconnect: () => true,
  });
  const closes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push(event.code);
  });
  return {
    ydoc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

/** Resolves once `check` returns true (or a value), polling; rejects with `message` after `timeoutMs`. */
export async function until<T>(check: () => T | Promise<T>, message: string, timeoutMs = 5000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const synced = (c: TestClient, timeoutMs = 5000) => until(() => c.provider.synced, "client synced", timeoutMs);

/** Opens a raw websocket and reports the HTTP status of a refused upgrade (or "open"). */
export function tryUpgrade(url: string, headers: Record<string, string> = {}, protocols: string[] = []): Promise<number | "open" | "error"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve("open");
      ws.close();
    });
    ws.on("error", () => resolve("error"));
  });
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The sidecar as a child process (one process: node with tsx as a loader, or a prebuilt bundle
 * given as `entry`), so it can be killed for real.
 */
export async function spawnSidecar(port: number, env: Record<string, string> = {}, nodeArgs: string[] = [], entry?: string) {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...nodeArgs, ...(entry ? [entry] : ["--import", "tsx", "collab/main.ts"])], {
    env: { ...process.env, COLLAB_PORT: String(port), COLLAB_HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  // A start that fails or hangs must not leave a process holding the port.
  const started = until(
    async () => {
      if (child.exitCode !== null) throw new Error(`sidecar exited with ${child.exitCode}`);
      return fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    },
    "sidecar healthy",
    60_000,
    25,
  );
  await started.catch(async (e: unknown) => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    throw e;
  });
  return {
    child,
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Every `tag` word (letters, digits and dashes between brackets) found in a text. */
export const tagsIn = (text: string) => new Set(text.match(/\[[a-z0-9-]+\]/g) ?? []);

/**
 * Every client types a uniquely tagged word every `everyMs`, at either end of the text so no insert
 * splits another tag. Returns the set of tags inserted so far and a stop function.
 */
export function startTagging(clients: TestClient[], everyMs: number): { inserted: Set<string>; stop: () => void } {
  const inserted = new Set<string>();
  let n = 0;
  const timer = setInterval(() => {
    clients.forEach((c, i) => {
      const tag = `[c${i}-${n}]`;
      const text = c.ydoc.getText("body");
      text.insert(Math.random() < 0.5 ? 0 : text.length, ` ${tag} `);
      inserted.add(tag);
    });
    n++;
  }, everyMs);
  return { inserted, stop: () => clearInterval(timer) };
}
