/**
 * The job queue: graphile-worker on the site's own PostgreSQL. A job is one row added by SQL
 * (`graphile_worker.add_job`), so enqueueing inside a command's transaction means the job exists
 * only if that transaction commits, and a rolled-back comment sends no e-mail.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { TaskName } from "./tasks";

export interface EnqueueOptions {
  /** Run no earlier than this (a deadline, a retry later); default now. */
  runAt?: Date;
  /**
   * At most one pending job per key: adding a job with a key that is waiting replaces it (new
   * payload and run time), so "close decision 42 at T" can be moved or cancelled by its key.
   */
  jobKey?: string;
  /** Attempts before the job is left failed (graphile-worker's default is 25, about three days of backoff). */
  maxAttempts?: number;
}

/** A payload must survive JSON: plain objects of strings, numbers, booleans, arrays. */
export type JobPayload = Record<string, unknown>;

/** Adds a job in the caller's transaction (or on its own when given the pool's handle). */
export async function enqueueJob(tx: Tx, task: TaskName, payload: JobPayload, opts: EnqueueOptions = {}): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    run_at => ${opts.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? null}::int,
    job_key => ${opts.jobKey ?? null}::text
  )`);
}

export interface JobSpec {
  task: TaskName;
  payload: JobPayload;
  runAt?: Date;
  jobKey?: string;
  maxAttempts?: number;
}

/** Many jobs in one statement (a paper's 2,000 follower e-mails), same transactional promise. */
export async function enqueueJobs(tx: Tx, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map((j) => ({
    identifier: j.task,
    payload: j.payload,
    run_at: j.runAt?.toISOString() ?? null,
    job_key: j.jobKey ?? null,
    max_attempts: j.maxAttempts ?? null,
  }));
  await tx.execute(sql`select 1 from graphile_worker.add_jobs(array(select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json)))`);
}

/** Removes a waiting job by its key (a deadline that no longer applies); a running job finishes. */
export async function cancelJob(tx: Tx, jobKey: string): Promise<void> {
  await tx.execute(sql`select graphile_worker.remove_job(${jobKey}::text)`);
}
