/** Shared by bench/collab.ts and bench/collab-chaos.ts: a throwaway database and result files. */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "@/db/migrate";
import { assertLocal, createDatabase, dropDatabase } from "@/scripts/lib/postgres";

/** A database of its own on DATABASE_URL's server (default: the local one), dropped by `drop()`. */
export async function benchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  assertLocal(adminUrl);
  const name = `commonplace_bench_${label}_${process.pid}`;
  const url = await createDatabase(adminUrl, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.MEMBERSHIP_HMAC_KEY ??= randomBytes(32).toString("base64url");
  return { url, drop: () => dropDatabase(adminUrl, name) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function writeResult(name: string, data: unknown): string {
  const dir = path.resolve("bench/results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

export const now = () => performance.timeOrigin + performance.now();

/**
 * collab/main.ts bundled once into one ES module (packages left in node_modules), so a bench that
 * restarts the sidecar a hundred times does not compile TypeScript on every start (about half the
 * start-up time here). Returns its path, or undefined to run it through tsx as usual.
 */
export async function bundleSidecar(): Promise<string | undefined> {
  try {
    const esbuild = await import("esbuild"); // tsx's own compiler
    const outfile = path.resolve("bench/results/.sidecar/main.mjs");
    await esbuild.build({ entryPoints: ["collab/main.ts"], bundle: true, platform: "node", format: "esm", packages: "external", tsconfig: "tsconfig.json", outfile, logLevel: "warning" });
    return outfile;
  } catch (e) {
    console.warn(`could not bundle the sidecar (${(e as Error).message}); starting it through tsx`);
    return undefined;
  }
}

/** A redis-server of the bench's own on `port` (nothing on disk), so the machine's shared Redis is never touched. */
export async function startRedis(port: number): Promise<import("node:child_process").ChildProcess> {
  const { spawn } = await import("node:child_process");
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = spawn("redis-cli", ["-p", String(port), "ping"], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      probe.stdout.on("data", (d) => (out += d));
      probe.on("exit", () => resolve(out.includes("PONG")));
    });
    if (up) return child;
    if (Date.now() > deadline) throw new Error("redis-server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `redis-cli shutdown nosave`: the server and everything in it are gone. */
export async function stopRedis(port: number, child: import("node:child_process").ChildProcess): Promise<void> {
  const { spawn } = await import("node:child_process");
  const exited = new Promise((r) => child.once("exit", r));
  spawn("redis-cli", ["-p", String(port), "shutdown", "nosave"], { stdio: "ignore" });
  await exited;
}
