import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { councilDraws, drawEntries, poolVolunteers } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { probabilityOf, typeKey, type DrawCategory } from "./draw";
import { cleanCategories } from "./draws";
import { getCouncilSettings } from "./settings";

/** Volunteers (or updates the categories of a volunteer) for the council pool. Categories are optional. */
export async function volunteerForPool(db: Db, actor: Actor, declared: Record<string, unknown>): Promise<void> {
  assertCan(actor, "council.volunteer", { userId: actor.id ?? "" });
  const settings = await getCouncilSettings(db);
  const categories = cleanCategories(settings.poolCategories, declared);
  // Store only what was declared: "not stated" is the absence of a value.
  const stored = Object.fromEntries(Object.entries(categories).filter(([, v]) => v !== ""));
  await db
    .insert(poolVolunteers)
    .values({ userId: actor.id!, categories: stored })
    .onConflictDoUpdate({ target: poolVolunteers.userId, set: { categories: stored, updatedAt: new Date() } });
}

/** Leaves the pool; draws already announced keep their frozen entry. */
export async function leavePool(db: Db, actor: Actor): Promise<void> {
  assertCan(actor, "council.volunteer", { userId: actor.id ?? "" });
  await db.delete(poolVolunteers).where(eq(poolVolunteers.userId, actor.id!));
}

export interface MyDrawEntry {
  drawId: string;
  title: string;
  status: string;
  poolId: string;
  secret: string;
  entryHash: string;
  categoriesKey: string;
  probability: number;
  seated: boolean | null;
  reservePosition: number | null;
}

export interface MyPool {
  categories: DrawCategory[];
  volunteered: Record<string, string> | null;
  draws: MyDrawEntry[];
}

/** A member's own pool entry and, for each draw they were in, their pool id, secret and chance. */
export async function getMyPool(db: Db, actor: Actor): Promise<MyPool> {
  const settings = await getCouncilSettings(db);
  if (!actor.id) return { categories: settings.poolCategories, volunteered: null, draws: [] };
  const [mine] = await db.select({ categories: poolVolunteers.categories }).from(poolVolunteers).where(eq(poolVolunteers.userId, actor.id));
  const rows = await db
    .select({ draw: councilDraws, poolId: drawEntries.poolId, secret: drawEntries.secret })
    .from(drawEntries)
    .innerJoin(councilDraws, eq(councilDraws.id, drawEntries.drawId))
    .where(and(eq(drawEntries.userId, actor.id), eq(councilDraws.purpose, "council")))
    .orderBy(desc(councilDraws.announcedAt))
    .limit(20);
  return {
    categories: settings.poolCategories,
    volunteered: mine?.categories ?? null,
    draws: rows.map(({ draw, poolId, secret }) => {
      const a = draw.announcement;
      const entry = a.pool.find((p) => p.poolId === poolId)!;
      const result = draw.status === "drawn" ? draw.result : null;
      const reserveIndex = result ? result.reserve.indexOf(poolId) : -1;
      return {
        drawId: draw.id,
        title: draw.title,
        status: draw.status,
        poolId,
        secret,
        entryHash: entry.entryHash,
        categoriesKey: typeKey(a.categories, entry.categories),
        probability: probabilityOf(a, poolId) ?? 0,
        seated: result ? result.panel.includes(poolId) : null,
        reservePosition: reserveIndex >= 0 ? reserveIndex + 1 : null,
      };
    }),
  };
}
