import { appendFileSync } from "node:fs";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: commands accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

declare global {
  // Survives Next.js dev hot reloads so each edit does not open a new pool.
  var __commonplacePool: pg.Pool | undefined;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or set it yourself.");
  return url;
}

/**
 * Queries counted in this process since it started, when SQL_QUERY_COUNT=1 (tests, bench/thread).
 * With SQL_QUERY_LOG_FILE set as well, each query also appends one line to that file, so a
 * benchmark can count the queries a separate server process made for one page. Off by default:
 * without these variables no client is wrapped.
 */
export const queryStats = { count: 0 };

function countQueries(client: pg.PoolClient): void {
  const logFile = process.env.SQL_QUERY_LOG_FILE;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    queryStats.count++;
    if (logFile) {
      const first = args[0] as string | { text?: string };
      const text = typeof first === "string" ? first : (first?.text ?? "");
      appendFileSync(logFile, `${text.replace(/\s+/g, " ").slice(0, 160)}\n`);
    }
    return query(...args);
  };
}

export function getPool(): pg.Pool {
  if (!globalThis.__commonplacePool) {
    const pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      idleTimeoutMillis: 30_000,
    });
    if (process.env.SQL_QUERY_COUNT === "1") pool.on("connect", countQueries);
    // An idle client the server closes (a restart, an administrator's terminate) must not crash the process: pg emits it on the pool.
    pool.on("error", (e) => console.error("database: an idle connection was closed by the server:", e.message));
    globalThis.__commonplacePool = pool;
  }
  return globalThis.__commonplacePool;
}

let instance: Db | undefined;
/** The one Drizzle handle of this process, made on first use. */
export function getDb(): Db {
  instance ??= drizzle(getPool(), { schema });
  return instance;
}

export async function closeDb(): Promise<void> {
  const pool = globalThis.__commonplacePool;
  globalThis.__commonplacePool = undefined;
  instance = undefined;
  await pool?.end();
}

export { schema };
