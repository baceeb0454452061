/**
 * A site of several processes on loopback, as production runs it behind one address: N web
 * instances (`next start`), each from its OWN COPY of one build (so a cache on a shared disk cannot
 * hide a missing shared cache), sharing PostgreSQL and Redis, behind a small front proxy that
 * chooses which instance answers each request. Used by e2e/cluster.spec.ts (the "must show" test
 * of issue 10) and by benches.
 *
 * With `sidecars: n`, n collaboration sidecars (collab/main.ts) start too, sharing PostgreSQL and
 * Redis; web instance i names sidecar i mod n to its browsers (COLLAB_URL), so editors on web a
 * and web b edit through different sidecars.
 *
 *   const cluster = await startCluster({ webs: 2, sidecars: 2, env: { DATABASE_URL, REDIS_URL, REDIS_PREFIX, ... } });
 *   cluster.front.pin("a");         // the next requests through cluster.front.url go to web a
 *   await cluster.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort } from "./postgres";

export interface WebInstance {
  name: string;
  url: string;
  port: number;
  /** The copy of the build this instance serves. */
  dir: string;
  process: ChildProcess;
  /** What it wrote to stderr (for a failing test's message). */
  stderr: () => string;
  stop: () => Promise<void>;
}

/** What `next start` needs beside its build; all but `.next` are links to the project. */
const PROJECT_FILES = ["node_modules", "package.json", "next.config.ts", "lib", "tsconfig.json"];

/** Copies the production build (without its build-time cache) into a fresh directory of its own. */
export async function copyBuild(name: string, project = process.cwd()): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `commonplace-web-${name}-`));
  await cp(path.join(project, ".next"), path.join(dir, ".next"), {
    recursive: true,
    filter: (src) => !src.startsWith(path.join(project, ".next", "cache")),
  });
  for (const f of PROJECT_FILES) await symlink(path.join(project, f), path.join(dir, f));
  return dir;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** One `next start` from its own copy of the build. */
export async function startWeb(name: string, env: Record<string, string | undefined>, opts: { project?: string; timeoutMs?: number; port?: number } = {}): Promise<WebInstance> {
  const project = opts.project ?? process.cwd();
  const dir = await copyBuild(name, project);
  const port = opts.port ?? (await freePort());
  const child = spawn(path.join(project, "node_modules/.bin/next"), ["start", "--port", String(port)], {
    cwd: dir,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/sign-in`, child, opts.timeoutMs ?? 60_000);
  } catch (e) {
    await stop();
    throw new Error(`web ${name} did not start: ${(e as Error).message}\n${stderr}`);
  }
  return { name, url, port, dir, process: child, stderr: () => stderr, stop };
}

/**
 * The one address in front of the instances, like Caddy or nginx in production. It forwards each
 * request to the pinned instance, or round-robin when none is pinned, and keeps the Host header so
 * the app sees one site whichever instance answers.
 */
export interface Front {
  url: string;
  pin: (name: string | null) => void;
  /** Which instance answered each request, in order (for asserting who served what). */
  served: { web: string; method: string; path: string }[];
  stop: () => Promise<void>;
}

export async function startFront(webs: WebInstance[], port?: number): Promise<Front> {
  let pinned: string | null = null;
  let next = 0;
  const served: Front["served"] = [];
  const server = http.createServer((req, res) => {
    const target = pinned ? webs.find((w) => w.name === pinned)! : webs[next++ % webs.length]!;
    served.push({ web: target.name, method: req.method ?? "GET", path: req.url ?? "/" });
    const upstream = http.request(
      { host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "127.0.0.1" } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-served-by": target.name });
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const listenOn = port ?? (await freePort());
  await new Promise<void>((r) => server.listen(listenOn, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${listenOn}`,
    pin: (name) => {
      if (name !== null && !webs.some((w) => w.name === name)) throw new Error(`no web instance named ${name}`);
      pinned = name;
    },
    served,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

export interface Sidecar {
  name: string;
  /** ws://127.0.0.1:port, as browsers and test clients reach it. */
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** One collaboration sidecar process (collab/main.ts), as `npm start` runs it. */
export async function startSidecar(name: string, env: Record<string, string | undefined>, opts: { project?: string; port?: number; allowedOrigins: string[]; timeoutMs?: number }): Promise<Sidecar> {
  const project = opts.project ?? process.cwd();
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", "collab/main.ts"], {
    cwd: project,
    env: { ...process.env, ...env, COLLAB_PORT: String(port), COLLAB_HOST: "127.0.0.1", COLLAB_ALLOWED_ORIGINS: opts.allowedOrigins.join(",") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, child, opts.timeoutMs ?? 60_000);
  } catch (e) {
    await stop();
    throw new Error(`sidecar ${name} did not start: ${(e as Error).message}\n${output}`);
  }
  return { name, url: `ws://127.0.0.1:${port}`, port, process: child, output: () => output, stop };
}

export interface Cluster {
  webs: WebInstance[];
  sidecars: Sidecar[];
  /** The web instance by name ("a", "b", ...). */
  web: (name: string) => WebInstance;
  front: Front;
  stop: () => Promise<void>;
}

/** Starts `sidecars` sidecars (1, 2, ...), then `webs` instances named a, b, c... (in parallel) and the front proxy. */
export async function startCluster(opts: { webs: number; sidecars?: number; env: Record<string, string | undefined>; project?: string }): Promise<Cluster> {
  const names = Array.from({ length: opts.webs }, (_, i) => String.fromCharCode(97 + i));
  const webPorts: number[] = [];
  for (const _ of names) webPorts.push(await freePort());
  const frontPort = await freePort();
  // Browsers open the sidecar from a web instance's page or from the front's.
  const origins = [...webPorts, frontPort].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
  const sidecarStarts = await Promise.allSettled(
    Array.from({ length: opts.sidecars ?? 0 }, (_, i) => startSidecar(String(i + 1), opts.env, { project: opts.project, allowedOrigins: origins })),
  );
  const sidecars = sidecarStarts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const sidecarFailed = sidecarStarts.find((s) => s.status === "rejected");
  if (sidecarFailed) {
    await Promise.all(sidecars.map((s) => s.stop()));
    throw (sidecarFailed as PromiseRejectedResult).reason;
  }
  const started = await Promise.allSettled(
    names.map((n, i) =>
      startWeb(n, { ...opts.env, ...(sidecars.length ? { COLLAB_URL: sidecars[i % sidecars.length]!.url } : {}) }, { project: opts.project, port: webPorts[i] }),
    ),
  );
  const webs = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all([...webs, ...sidecars].map((w) => w.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const front = await startFront(webs, frontPort);
  return {
    webs,
    sidecars,
    web: (name) => webs.find((w) => w.name === name) ?? (() => { throw new Error(`no web instance named ${name}`); })(),
    front,
    stop: async () => {
      await front.stop();
      await Promise.all([...webs, ...sidecars].map((w) => w.stop()));
    },
  };
}
