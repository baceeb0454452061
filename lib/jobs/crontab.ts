/**
 * Recurring jobs (times in UTC). graphile-worker schedules each once per period across every
 * worker (the period's timestamp is the job key), and backfills a run missed while no worker ran
 * for up to `backfillPeriod`.
 */
import type { CronItem } from "graphile-worker";
import type { TaskName } from "./tasks";

const HOUR = 3600_000;

export const crontab: (CronItem & { task: TaskName })[] = [
  { task: "facts.rescore", match: "15 3 * * *", identifier: "facts.rescore", options: { backfillPeriod: 24 * HOUR } },
  { task: "openData.publicBundle", match: "40 2 * * *", identifier: "openData.publicBundle", options: { backfillPeriod: 24 * HOUR } },
  // 07:00 UTC: the digest arrives with the morning, in Europe at least.
  { task: "mail.digest", match: "0 7 * * *", identifier: "mail.digest", options: { backfillPeriod: 12 * HOUR } },
  { task: "deadlines.sweep", match: "*/5 * * * *", identifier: "deadlines.sweep", options: { backfillPeriod: 0 } },
];
