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
