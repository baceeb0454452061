import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { governanceSettings } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";

export interface GovernanceSettings {
  bootstrapEndsAt: Date | null;
  moderatorSeats: number;
  termMonths: number;
  nominationDays: number;
  votingDays: number;
  ballotsStaleAfterMonths: number;
  decisionSecondsRequired: number;
}

export const DEFAULT_GOVERNANCE_SETTINGS: GovernanceSettings = {
  bootstrapEndsAt: null,
  moderatorSeats: 3,
  termMonths: 12,
  nominationDays: 7,
  votingDays: 7,
  ballotsStaleAfterMonths: 6,
  decisionSecondsRequired: 5,
};

/** Labels for the log and the admin page, in the order the form shows them. */
export const SETTING_LABELS: Record<keyof GovernanceSettings, string> = {
  bootstrapEndsAt: "Bootstrap period ends",
  moderatorSeats: "Moderator seats",
  termMonths: "Moderator term (months)",
  nominationDays: "Nomination period (days)",
  votingDays: "Voting period (days)",
  ballotsStaleAfterMonths: "Ballots are stale for a recount after (months)",
  decisionSecondsRequired: "Seconds a member's decision needs",
};

export async function getGovernanceSettings(db: Tx): Promise<GovernanceSettings> {
  const [row] = await db.select().from(governanceSettings).where(eq(governanceSettings.id, 1));
  if (!row) return { ...DEFAULT_GOVERNANCE_SETTINGS };
  return {
    bootstrapEndsAt: row.bootstrapEndsAt,
    moderatorSeats: row.moderatorSeats,
    termMonths: row.termMonths,
    nominationDays: row.nominationDays,
    votingDays: row.votingDays,
    ballotsStaleAfterMonths: row.ballotsStaleAfterMonths,
    decisionSecondsRequired: row.decisionSecondsRequired,
  };
}

const show = (v: Date | number | null) => (v instanceof Date ? v.toISOString() : v);

/** Changes the settings; every change is in the public log with the old and new values. */
export async function updateGovernanceSettings(db: Db, actor: Actor, input: GovernanceSettings & { reason: string }): Promise<{ changed: string[] }> {
  assertCan(actor, "governance.settings", null);
  return db.transaction(async (tx) => {
    await tx.insert(governanceSettings).values({ id: 1 }).onConflictDoNothing();
    await tx.select({ id: governanceSettings.id }).from(governanceSettings).where(eq(governanceSettings.id, 1)).for("update");
    const before = await getGovernanceSettings(tx);
    const { reason, ...next } = input;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of Object.keys(SETTING_LABELS) as (keyof GovernanceSettings)[]) {
      const a = show(before[key]);
      const b = show(next[key]);
      if (a !== b) changes[key] = [a, b];
    }
    if (Object.keys(changes).length === 0) return { changed: [] };
    await tx.update(governanceSettings).set({ ...next, updatedAt: new Date(), updatedBy: actor.id }).where(eq(governanceSettings.id, 1));
    await recordAudit(tx, { actorId: actor.id, action: "governance.settings", targetType: "governance", targetId: "settings", reason, details: { changes } });
    return { changed: Object.keys(changes) };
  });
}
