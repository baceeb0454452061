/**
 * Every task the worker runs, by name: `name → (payload, helpers) => Promise<void>`. Enqueue with
 * `enqueueJob(tx, name, payload)` (lib/jobs/queue.ts); recurring ones are listed in crontab.ts.
 * A task may run more than once (a worker killed mid-job runs it again after its lock expires):
 * write handlers so a second run does no harm.
 */
import type { JobHelpers, Task } from "graphile-worker";
import { getDb } from "@/db";
import { endExpiredCouncilTerms } from "@/lib/council/draws";
import { closeExpiredPetitions } from "@/lib/council/recall";
import { rescoreAgingFacts } from "@/lib/facts/score";
import { closeDecision } from "@/lib/governance/decisions";
import { countElection } from "@/lib/governance/elections";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { dailyDigestTask } from "@/lib/mail/digest";
import { fanOutTask } from "@/lib/mail/fanout";
import { recomputeMapTask } from "@/lib/map/recompute-task";
import { regeneratePublicBundle } from "@/lib/open-data/snapshots";
import { sweepOverdue } from "./deadlines";
import { expireConsents } from "@/lib/anecdotes/commands";
import { closeOverdueHelpRequests } from "@/lib/help/commands";

export const tasks = {
  /** Delivers one outbox row by SMTP, under the per-minute limit, retried with backoff. Payload { outboxId }. */
  "mail.send": deliverQueuedMail,
  /** Turns one notify() batch into outbox mails by each member's preference (lib/mail/fanout.ts). Payload { batch, text }. */
  "mail.fanout": fanOutTask,
  /** Daily: one e-mail per member gathering the notifications they chose to get as a digest. */
  "mail.digest": dailyDigestTask,
  /** Recomputes a theme's agreement map after votes (keyed per theme, lib/map/schedule.ts). Payload { themeId }. */
  "map.recompute": recomputeMapTask,
  /** Daily: stores the hardness of time-sensitive figures whose score is falling with age. */
  "facts.rescore": async (_payload: unknown, helpers: JobHelpers) => {
    const changed = await rescoreAgingFacts(getDb(), new Date());
    if (changed) helpers.logger.info(`facts.rescore: ${changed} stored scores changed`);
  },
  /** Every five minutes: closes anything past its deadline whose own job did not run (lib/jobs/deadlines.ts). */
  "deadlines.sweep": async (_payload: unknown, helpers: JobHelpers) => {
    const closed = await sweepOverdue(getDb(), new Date());
    const total = Object.values(closed).reduce((s, n) => s + n, 0);
    if (total) helpers.logger.info(`deadlines.sweep: closed ${JSON.stringify(closed)}`);
  },
  /** At a decision's closing time: counts it, announces and logs the outcome. Payload { id }. */
  "decision.close": async (payload: unknown) => {
    await getDb().transaction((tx) => closeDecision(tx, (payload as { id: string }).id, new Date()));
  },
  /** At an election's close: publishes the ballots, counts, seats the winners. Payload { id }. */
  "election.count": async (payload: unknown) => {
    await getDb().transaction((tx) => countElection(tx, (payload as { id: string }).id, new Date()));
  },
  /** At a help request's deadline: closes it if still open (issue 12). Payload { id }. */
  "help.close": async (payload: unknown) => void (await closeOverdueHelpRequests(getDb(), new Date(), (payload as { id: string }).id)),
  /** When a story's consent runs out: records the expiry and asks for take-downs (issue 12). Payload { id } (the story). */
  "story.consentExpiry": async (payload: unknown) => void (await expireConsents(getDb(), new Date(), (payload as { id: string }).id)),
  /** Daily, and on first demand: writes the public open-data bundle that /open-data serves (lib/open-data/snapshots.ts). */
  "openData.publicBundle": async (_payload: unknown, helpers: JobHelpers) => {
    const b = await regeneratePublicBundle(getDb());
    helpers.logger.info(`openData.publicBundle: ${b.records} records, ${b.bytes} bytes, sha256 ${b.sha256}`);
  },
  /** At a recall petition's closing time: closes it (and any other overdue one) if it did not reach its threshold. */
  "recall.close": async () => {
    await closeExpiredPetitions(getDb(), new Date());
  },
  /** At a council seat's term end: ends the seat and its council role (and any other overdue one). */
  "council.termEnd": async () => {
    await endExpiredCouncilTerms(getDb(), new Date());
  },
} satisfies Record<string, Task>;

export type TaskName = keyof typeof tasks;
