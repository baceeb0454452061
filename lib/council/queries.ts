import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { councilDraws, councilSeats, roleGrants, users } from "@/db/schema";
import { publicNameSql } from "@/lib/auth/public-name";

export interface CouncilMemberView {
  userId: string;
  name: string;
  termEndsAt: Date | null;
  fromReserve: boolean;
}

/** Everyone holding the council role now, with their seat's term when they were drawn. */
export async function currentCouncil(db: Db): Promise<CouncilMemberView[]> {
  const rows = await db
    .select({ userId: roleGrants.userId, name: publicNameSql(users), termEndsAt: councilSeats.termEndsAt, fromReserve: councilSeats.fromReserve })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(councilSeats, and(eq(councilSeats.roleGrantId, roleGrants.id), isNull(councilSeats.endedAt)))
    .where(and(eq(roleGrants.role, "council"), isNull(roleGrants.revokedAt), isNull(users.suspendedAt)))
    .orderBy(publicNameSql(users));
  return rows.map((r) => ({ userId: r.userId, name: r.name ?? "", termEndsAt: r.termEndsAt, fromReserve: r.fromReserve ?? false }));
}

export interface DrawListItem {
  id: string;
  title: string;
  status: "announced" | "drawn" | "cancelled";
  seats: number;
  poolSize: number;
  drawNotBefore: Date;
  drawnAt: Date | null;
}

/** Draws, newest first; never the seed. */
export async function listDraws(db: Db, opts: { purpose: "council" | "appeal_panel" }): Promise<DrawListItem[]> {
  const rows = await db
    .select({
      id: councilDraws.id,
      title: councilDraws.title,
      status: councilDraws.status,
      seats: councilDraws.seats,
      poolSize: sql<number>`jsonb_array_length(${councilDraws.announcement}->'pool')`,
      drawNotBefore: councilDraws.drawNotBefore,
      drawnAt: councilDraws.drawnAt,
    })
    .from(councilDraws)
    .where(eq(councilDraws.purpose, opts.purpose))
    .orderBy(desc(councilDraws.announcedAt))
    .limit(50);
  return rows;
}
