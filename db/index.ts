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

export function getPool(): pg.Pool {
  globalThis.__commonplacePool ??= new pg.Pool({
    connectionString: databaseUrl(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idleTimeoutMillis: 30_000,
  });
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
