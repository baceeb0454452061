/**
 * Throwaway databases for open-data tests and benches: a new database on the test server,
 * migrated, optionally seeded with the demo, dropped afterwards.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { randomUUID } from "node:crypto";
import * as schema from "@/db/schema";
import type { Db } from "@/db";
import { migrateDatabase } from "@/db/migrate";

export interface Scratch {
  url: string;
  pool: pg.Pool;
  db: Db;
  drop(): Promise<void>;
}

const adminUrl = (url: string) => {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
};

export async function scratchDatabase(baseUrl = process.env.DATABASE_URL!, opts: { seed?: boolean } = {}): Promise<Scratch> {
  const name = `od_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // drop() ends the pool and then drops the database with (force): a connection still closing
  // when the server terminates it must not surface as an uncaught error in whichever test runs next.
  pool.on("error", () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  if (opts.seed) {
    const { seedDemo } = await import("@/db/seed");
    await seedDemo(db);
  }
  return {
    url,
    pool,
    db,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl(baseUrl) });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}
