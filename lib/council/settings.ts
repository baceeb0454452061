import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { councilSettings, memberActivity, users, type CouncilSettings } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { DrawCategory } from "./draw";

/** The pool's categories until an admin changes them: self-declared and optional. */
export const DEFAULT_POOL_CATEGORIES: DrawCategory[] = [
  { key: "region", label: "Region", values: ["North", "Midlands", "South", "London", "Wales", "Scotland", "Northern Ireland"] },
  { key: "gender", label: "Gender", values: ["Woman", "Man", "Another gender"] },
];

export async function getCouncilSettings(db: Tx): Promise<CouncilSettings> {
  const [row] = await db.select().from(councilSettings).where(eq(councilSettings.id, 1));
  if (row) return row;
  await db.insert(councilSettings).values({ id: 1, poolCategories: DEFAULT_POOL_CATEGORIES }).onConflictDoNothing();
  const [made] = await db.select().from(councilSettings).where(eq(councilSettings.id, 1));
  return made!;
}

export type CouncilSettingsInput = Omit<CouncilSettings, "id" | "updatedAt" | "updatedBy">;

export async function updateCouncilSettings(db: Db, actor: Actor, input: CouncilSettingsInput): Promise<void> {
  assertCan(actor, "council.settings", null);
  await db.transaction(async (tx) => {
    const before = await getCouncilSettings(tx);
    await tx.update(councilSettings).set({ ...input, updatedAt: new Date(), updatedBy: actor.id }).where(eq(councilSettings.id, 1));
    const changed = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof CouncilSettings])),
    );
    await recordAudit(tx, { actorId: actor.id, action: "council.settings", targetType: "settings", targetId: "council", details: { changed } });
  });
}

/**
 * Active members, the base of a recall's share (as LiquidFeedback counts against active members,
 * not the whole roll): verified, not suspended, and seen on the site within `activeDays`.
 */
export async function countActiveMembers(db: Tx, settings: Pick<CouncilSettings, "activeDays">, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - settings.activeDays * 86_400_000);
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(memberActivity, eq(memberActivity.userId, users.id))
    .where(and(isNotNull(users.verifiedAt), isNull(users.suspendedAt), gt(memberActivity.lastSeenAt, since)));
  return row?.n ?? 0;
}

/** Signatures needed: the absolute number and the share of active members, whichever is larger. */
export function recallThreshold(settings: Pick<CouncilSettings, "recallMinSignatures" | "recallSharePercent">, activeMembers: number): number {
  return Math.max(settings.recallMinSignatures, Math.ceil((settings.recallSharePercent / 100) * activeMembers));
}
