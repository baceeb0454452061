/**
 * Starts a graphile-worker runner in this process on the site's pool. Every instance of the site
 * runs one: jobs are taken with SELECT ... FOR UPDATE SKIP LOCKED, so two workers never run the
 * same job, and cron runs are keyed by their time, so each happens once however many run.
 */
import { Logger, parseCronItems, run, type Runner, type TaskList } from "graphile-worker";
import { getPool } from "@/db";
import { crontab } from "./crontab";
import { tasks } from "./tasks";

/** graphile-worker logs every job at info; keep warnings and errors (a failed job says why). */
export const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`jobs: ${message}`);
  else if (level === "warning") console.warn(`jobs: ${message}`);
  else if (process.env.JOBS_DEBUG === "1") console.log(`jobs: ${message}`);
});

export interface WorkerOptions {
  /** Jobs run side by side in this process (WORKER_CONCURRENCY, default 4). */
  concurrency?: number;
  /** How often jobs scheduled for later are looked for; new jobs arrive at once by LISTEN/NOTIFY. */
  pollInterval?: number;
  taskList?: TaskList;
}

export async function startWorker(opts: WorkerOptions = {}): Promise<Runner> {
  const pgPool = getPool();
  // An idle client's network error would otherwise crash the process; the pool replaces it.
  if (pgPool.listenerCount("error") === 0) pgPool.on("error", (e) => console.error("jobs: database connection error", e.message));
  return run({
    pgPool,
    concurrency: opts.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 4),
    pollInterval: opts.pollInterval ?? 1000,
    taskList: opts.taskList ?? (tasks as unknown as TaskList),
    parsedCronItems: parseCronItems(crontab),
    noHandleSignals: true,
    logger: quietLogger,
  });
}

