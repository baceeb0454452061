/**
 * Deadlines as jobs: "close election 42 at 18:00" must happen at 18:00 even if nobody visits the
 * site. A capability schedules a job for the moment in the same transaction that sets the time,
 * and lists a sweep that closes anything overdue, run every five minutes by `deadlines.sweep`,
 * in case a job was lost (a database restored from a backup, a deadline set before its task
 * existed). Both must be idempotent: closing what is closed already does nothing.
 *
 * How a governance capability uses it (one line in each shared file):
 *   - its task in tasks.ts:            "decision.close": ({ id }) => closeDecision(getDb(), id, new Date())
 *   - its sweep in overdueSweeps:      "decision.close": closeOverdueDecisions   // (db, now) => count closed
 *   - when opening or moving it:       await scheduleDeadline(tx, "decision.close", decision.id, closesAt)
 *   - when cancelling it:              await cancelDeadline(tx, "decision.close", decision.id)
 */
import type { Db, Tx } from "@/db";
import { expireConsents } from "@/lib/anecdotes/commands";
import { closeOverdueHelpRequests } from "@/lib/help/commands";
import { endExpiredCouncilTerms } from "@/lib/council/draws";
import { closeExpiredPetitions } from "@/lib/council/recall";
import { cancelJob, enqueueJob } from "./queue";
import type { TaskName } from "./tasks";

/** The key of a deadline's job: one waiting job per thing and task, so moving it replaces it. */
export const deadlineKey = (task: string, id: string) => `${task}:${id}`;

/** Runs `task` with `{ id }` at `at` (now, if `at` is past); scheduling again moves it. */
export async function scheduleDeadline(tx: Tx, task: TaskName, id: string, at: Date): Promise<void> {
  await enqueueJob(tx, task, { id }, { runAt: at, jobKey: deadlineKey(task, id) });
}

export async function cancelDeadline(tx: Tx, task: TaskName, id: string): Promise<void> {
  await cancelJob(tx, deadlineKey(task, id));
}

/** A sweep closes every overdue thing of its kind at `now` and returns how many it closed. */
export type OverdueSweep = (db: Db, now: Date) => Promise<number>;

/** Each capability with deadlines adds one line here: its name → its sweep. */
export const overdueSweeps: Record<string, OverdueSweep> = {
  "help.close": (db, now) => closeOverdueHelpRequests(db, now),
  "story.consentExpiry": (db, now) => expireConsents(db, now),
  "recall.close": closeExpiredPetitions,
  "council.termEnd": endExpiredCouncilTerms,
};

/** Runs every sweep; one failing sweep does not stop the others, and the job fails (and retries) after. */
export async function sweepOverdue(db: Db, now: Date, sweeps: Record<string, OverdueSweep> = overdueSweeps): Promise<Record<string, number>> {
  const closed: Record<string, number> = {};
  const errors: unknown[] = [];
  for (const [name, sweep] of Object.entries(sweeps)) {
    try {
      closed[name] = await sweep(db, now);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw new AggregateError(errors, `${errors.length} overdue sweep(s) failed`);
  return closed;
}
