/**
 * Runs queued jobs in tests, deterministically: no worker in the background, each call runs every
 * job that is due until none is left (jobs that jobs add included), then returns.
 */
import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import { makeWorkerUtils, runOnce, type TaskList, type WorkerEvents } from "graphile-worker";
import { getPool, type Db } from "@/db";
import { tasks } from "@/lib/jobs/tasks";
import { quietLogger } from "@/lib/jobs/worker";

export interface RunJobsOptions {
  /** Task handlers to use (default: lib/jobs/tasks.ts); pass extra ones for a test's own tasks. */
  taskList?: TaskList;
  /**
   * Treat jobs due within this many milliseconds as due now (a retry after backoff, a send slot
   * under the rate limit, a deadline): they are moved to now and run. Default 0: only what is due.
   */
  advanceMs?: number;
  /** Only move jobs of these tasks forward (default: all). */
  advanceTasks?: string[];
  /** Rounds of "move forward, run" before giving up on a job that keeps coming back (default 20). */
  maxRounds?: number;
}

export interface JobsRun {
  succeeded: number;
  failed: number;
  /** Error messages of the failures, in order. */
  errors: string[];
}

export async function runJobsUntilIdle(db: Db, opts: RunJobsOptions = {}): Promise<JobsRun> {
  const events: WorkerEvents = new EventEmitter();
  const result: JobsRun = { succeeded: 0, failed: 0, errors: [] };
  events.on("job:success", () => result.succeeded++);
  events.on("job:error", ({ error }) => {
    result.failed++;
    result.errors.push(error instanceof Error ? error.message : String(error));
  });
  const taskList = opts.taskList ?? (tasks as unknown as TaskList);
  // runOnce can resolve before a job's completion or failure is written (graphile-worker batches
  // them): wait until none of these tasks' jobs is still locked, so callers read settled rows.
  const settled = async () => {
    for (let i = 0; i < 500; i++) {
      const locked = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from graphile_worker.jobs
        where locked_at is not null and task_identifier in (select json_array_elements_text(${JSON.stringify(Object.keys(taskList))}::json))`);
      if (locked.rows[0]!.n === 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("runJobsUntilIdle: jobs still locked after 5 s");
  };
  const run = async () => {
    await runOnce({ pgPool: getPool(), taskList, noHandleSignals: true, logger: quietLogger, events });
    await settled();
  };
  await run();
  if (!opts.advanceMs) return result;
  const utils = await makeWorkerUtils({ pgPool: getPool(), logger: quietLogger });
  try {
    for (let round = 0; round < (opts.maxRounds ?? 20); round++) {
      const due = await db.execute<{ id: string }>(sql`
        select id::text from graphile_worker.jobs
        where locked_at is null and attempts < max_attempts
          and run_at <= now() + ${`${opts.advanceMs} milliseconds`}::interval
          and task_identifier in (select json_array_elements_text(${JSON.stringify(opts.advanceTasks ?? Object.keys(taskList))}::json))`);
      if (due.rows.length === 0) break;
      await utils.rescheduleJobs(due.rows.map((r) => r.id), { runAt: new Date() });
      await run();
    }
  } finally {
    await utils.release();
  }
  return result;
}

/**
 * Jobs waiting (not yet run or waiting for a retry) for a task, with their payloads. The public
 * `graphile_worker.jobs` view leaves payloads out, so this test helper reads the private table.
 */
export async function pendingJobs(db: Db, task: string) {
  const rows = await db.execute<{ key: string | null; payload: unknown; run_at: Date; attempts: number; last_error: string | null }>(sql`
    select j.key, j.payload, j.run_at, j.attempts, j.last_error
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} and j.attempts < j.max_attempts order by j.run_at, j.id`);
  return rows.rows.map((r) => ({ key: r.key, payload: r.payload, runAt: new Date(r.run_at), attempts: r.attempts, lastError: r.last_error }));
}
