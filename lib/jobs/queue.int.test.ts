import { sql } from "drizzle-orm";
import type { JobHelpers, TaskList } from "graphile-worker";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { uniqueSuffix } from "@/lib/testing/factories";
import { pendingJobs, runJobsUntilIdle } from "@/lib/testing/jobs";
import { cancelDeadline, scheduleDeadline, sweepOverdue } from "./deadlines";
import { enqueueJob, enqueueJobs } from "./queue";
import type { TaskName } from "./tasks";

const db = getDb();
afterAll(closeDb);

/** A task of this file only: records each payload it runs, so a test can see what ran and how often. */
function recorder() {
  const name = `test.record.${uniqueSuffix()}` as TaskName;
  const ran: Record<string, unknown>[] = [];
  const taskList: TaskList = { [name]: async (payload: unknown) => void ran.push(payload as Record<string, unknown>) };
  return { name, ran, taskList };
}

describe("the job queue (graphile-worker on our database)", () => {
  it("is installed by our migrate step", async () => {
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'graphile_worker' and p.proname = 'add_job'`);
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
  });

  it("adds a job only when the caller's transaction commits", async () => {
    const { name, ran, taskList } = recorder();
    await db.transaction(async (tx) => {
      await enqueueJob(tx, name, { n: 1 });
    });
    await db
      .transaction(async (tx) => {
        await enqueueJob(tx, name, { n: 2 });
        throw new Error("roll back");
      })
      .catch(() => {});
    expect((await pendingJobs(db, name)).map((j) => j.payload)).toEqual([{ n: 1 }]);
    const run = await runJobsUntilIdle(db, { taskList });
    expect(ran).toEqual([{ n: 1 }]);
    expect(run.succeeded).toBe(1);
    expect(await pendingJobs(db, name)).toEqual([]);
  });

  it("keeps one waiting job per key: enqueueing again replaces its payload and time", async () => {
    const { name, ran, taskList } = recorder();
    const later = new Date(Date.now() + 3600_000);
    await enqueueJob(db, name, { v: "first" }, { jobKey: `${name}:k`, runAt: later });
    await enqueueJob(db, name, { v: "second" }, { jobKey: `${name}:k`, runAt: later });
    const pending = await pendingJobs(db, name);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.payload).toEqual({ v: "second" });
    // Not due for an hour: a run now leaves it alone.
    await runJobsUntilIdle(db, { taskList });
    expect(ran).toEqual([]);
    await runJobsUntilIdle(db, { taskList, advanceMs: 2 * 3600_000 });
    expect(ran).toEqual([{ v: "second" }]);
  });

  it("retries a failing job with backoff, then succeeds", async () => {
    const name = `test.flaky.${uniqueSuffix()}` as TaskName;
    let calls = 0;
    const taskList: TaskList = {
      [name]: async () => {
        calls++;
        if (calls < 3) throw new Error(`failure ${calls}`);
      },
    };
    await enqueueJob(db, name, {});
    const first = await runJobsUntilIdle(db, { taskList });
    expect(first).toMatchObject({ succeeded: 0, failed: 1, errors: ["failure 1"] });
    const [waiting] = await pendingJobs(db, name);
    expect(waiting!.attempts).toBe(1);
    expect(waiting!.lastError).toBe("failure 1");
    // graphile-worker's backoff: e^attempts seconds (about 2.7 s after the first failure).
    expect(waiting!.runAt.getTime() - Date.now()).toBeGreaterThan(1000);
    const rest = await runJobsUntilIdle(db, { taskList, advanceMs: 60_000, advanceTasks: [name] });
    expect(rest).toMatchObject({ succeeded: 1, failed: 1 });
    expect(calls).toBe(3);
  });

  it("never runs a job twice with several workers taking from the queue at once", async () => {
    const name = `test.once.${uniqueSuffix()}` as TaskName;
    const seen = new Map<number, number>();
    const taskList: TaskList = {
      [name]: async (payload: unknown, helpers: JobHelpers) => {
        const { i } = payload as { i: number };
        seen.set(i, (seen.get(i) ?? 0) + 1);
        await helpers.query("select pg_sleep(0.002)");
      },
    };
    await enqueueJobs(db, Array.from({ length: 60 }, (_, i) => ({ task: name, payload: { i } })));
    await Promise.all([runJobsUntilIdle(db, { taskList }), runJobsUntilIdle(db, { taskList }), runJobsUntilIdle(db, { taskList })]);
    expect(seen.size).toBe(60);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("deadlines", () => {
  it("runs a deadline's task at its time, once, moved by scheduling again and gone when cancelled", async () => {
    const { name, ran, taskList } = recorder();
    const inAnHour = new Date(Date.now() + 3600_000);
    await db.transaction((tx) => scheduleDeadline(tx, name, "d1", new Date(Date.now() + 60_000)));
    await db.transaction((tx) => scheduleDeadline(tx, name, "d1", inAnHour)); // moved
    await db.transaction((tx) => scheduleDeadline(tx, name, "d2", inAnHour));
    await db.transaction((tx) => cancelDeadline(tx, name, "d2"));
    const pending = await pendingJobs(db, name);
    expect(pending.map((j) => [j.key, j.payload])).toEqual([[`${name}:d1`, { id: "d1" }]]);
    expect(Math.abs(pending[0]!.runAt.getTime() - inAnHour.getTime())).toBeLessThan(1000);
    await runJobsUntilIdle(db, { taskList, advanceMs: 30 * 60_000 });
    expect(ran).toEqual([]); // not within half an hour
    await runJobsUntilIdle(db, { taskList, advanceMs: 2 * 3600_000 });
    expect(ran).toEqual([{ id: "d1" }]);
  });

  it("the safety sweep runs every capability's sweep and reports a failing one after running the rest", async () => {
    const now = new Date();
    const calls: string[] = [];
    const closed = await sweepOverdue(db, now, {
      a: async (_db, at) => (calls.push(`a@${at.toISOString()}`), 2),
      b: async () => (calls.push("b"), 0),
    });
    expect(closed).toEqual({ a: 2, b: 0 });
    expect(calls).toEqual([`a@${now.toISOString()}`, "b"]);
    await expect(
      sweepOverdue(db, now, {
        broken: async () => {
          throw new Error("boom");
        },
        after: async () => (calls.push("after"), 1),
      }),
    ).rejects.toThrow("1 overdue sweep(s) failed");
    expect(calls).toContain("after");
  });
});
