import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

const warningsOnly = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
});

/**
 * Applies every committed migration, then installs or updates the job queue's own schema
 * (`graphile_worker`, owned by graphile-worker's migrations, not ours); safe to run on each start, from several instances at once (one waits for the other).
 */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set client_min_messages to warning");
    // Several web instances starting together: one migrates, the others wait and find nothing to do.
    await client.query("select pg_advisory_lock(hashtext('commonplace:migrate'))");
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
  await runMigrations({ connectionString: url, logger: warningsOnly });
}
