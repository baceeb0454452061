import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { TaskName } from "@/lib/jobs/tasks";

/** Votes arriving within this window after the first are folded into one recompute. */
export const RECOMPUTE_DELAY_MS = 3_000;
const TASK: TaskName = "map.recompute";

export const recomputeJobKey = (themeId: string) => `map.recompute:${themeId}`;

/**
 * Asks for the theme's map to be recomputed soon, never on the request: one job per theme, keyed.
 * The key's mode is `preserve_run_at` (a throttle): later votes join the waiting job without
 * moving it, so a theme voted on every second still gets a new map every few seconds, where the
 * default "replace" mode (a debounce) would keep pushing it back. enqueueJob (lib/jobs/queue.ts)
 * uses the default mode, so this calls add_job itself, in the caller's transaction all the same.
 */
export async function scheduleMapRecompute(tx: Tx, themeId: string): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${TASK}::text,
    ${JSON.stringify({ themeId })}::json,
    run_at => now() + ${`${RECOMPUTE_DELAY_MS} milliseconds`}::interval,
    job_key => ${recomputeJobKey(themeId)}::text,
    job_key_mode => 'preserve_run_at'
  )`);
}
