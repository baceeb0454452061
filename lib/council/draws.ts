/**
 * Draws as commands: announce (freeze the pool, compute the fair lottery, commit to a secret seed),
 * run once (reveal the seed, seat the panel), refill a seat from the reserve list.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { councilDraws, councilSeats, drawEntries, poolVolunteers, roleGrants, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { announceRevocation } from "@/lib/collab/announce";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import { AppError, notFound } from "@/lib/errors";
import {
  announcementHash,
  commitmentOf,
  DRAW_FORMAT,
  entryHash,
  nextReserve,
  runDraw,
  type DrawAnnouncement,
  type DrawCategory,
  type PublishedDraw,
  type Quota,
} from "./draw";
import { fairPanels } from "./fair-panel";
import { getCouncilSettings } from "./settings";

export const COMMITMENT_NOTE =
  "sha256 of a secret seed made by the server when the draw was announced and revealed when it runs. " +
  "A named future public randomness (a drand round) would take the operator out of it; this site has no route to one, so it commits to its own seed.";

export interface PoolMember {
  userId: string;
  categories: Record<string, string>;
}

/** Keeps only known categories and values; anything else counts as not stated. */
export function cleanCategories(categories: readonly DrawCategory[], declared: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of categories) {
    const v = declared[c.key];
    out[c.key] = typeof v === "string" && c.values.includes(v) ? v : "";
  }
  return out;
}

/** Verified members in good standing who volunteered, with their categories. */
export async function councilPool(db: Tx, categories: readonly DrawCategory[]): Promise<PoolMember[]> {
  const rows = await db
    .select({ userId: poolVolunteers.userId, categories: poolVolunteers.categories })
    .from(poolVolunteers)
    .innerJoin(users, eq(users.id, poolVolunteers.userId))
    .where(and(isNotNull(users.verifiedAt), isNull(users.suspendedAt)))
    .orderBy(asc(poolVolunteers.joinedAt));
  return rows.map((r) => ({ userId: r.userId, categories: cleanCategories(categories, r.categories) }));
}

export interface DrawInput {
  title: string;
  seats: number;
  quotas: Quota[];
  /** when the draw may run; the seed is committed until then */
  drawNotBefore: Date;
}

export type DrawPreview =
  | { ok: true; poolSize: number; minProbability: number; equalShare: number; unseatable: string[] }
  | { ok: false; poolSize: number; problems: string[] };

/** What a draw with these settings would give, before anything is committed. */
export async function previewDraw(db: Db, actor: Actor, input: Omit<DrawInput, "drawNotBefore" | "title">): Promise<DrawPreview> {
  assertCan(actor, "draw.announce", null);
  const settings = await getCouncilSettings(db);
  const pool = await councilPool(db, settings.poolCategories);
  const fair = await fairPanels({
    seats: input.seats,
    categories: settings.poolCategories,
    quotas: input.quotas,
    pool: pool.map((p, i) => ({ poolId: `p${i}`, categories: p.categories })),
  });
  if (!fair.ok) return { ok: false, poolSize: pool.length, problems: fair.problems };
  return { ok: true, poolSize: pool.length, minProbability: fair.minProbability, equalShare: fair.equalShare, unseatable: fair.unseatable };
}

interface Frozen {
  entries: { poolId: string; userId: string; secret: string }[];
  announcement: DrawAnnouncement;
  seed: string;
}

/** Freezes a pool into a published announcement with random pool ids, per-entry secrets and a commitment. */
export async function freezeAnnouncement(opts: {
  drawId: string;
  title: string;
  seats: number;
  reserveSize: number;
  categories: DrawCategory[];
  quotas: Quota[];
  pool: PoolMember[];
}): Promise<Frozen> {
  const ids = new Set<string>();
  const entries = opts.pool.map((p) => {
    let poolId: string;
    do poolId = `v-${randomBytes(4).toString("hex")}`;
    while (ids.has(poolId));
    ids.add(poolId);
    return { poolId, userId: p.userId, secret: randomBytes(16).toString("hex"), categories: p.categories };
  });
  entries.sort((a, b) => (a.poolId < b.poolId ? -1 : 1));
  const pool = entries.map((e) => ({ poolId: e.poolId, categories: e.categories, entryHash: entryHash(e.poolId, opts.categories, e.categories, e.secret) }));
  const fair = await fairPanels({ seats: opts.seats, categories: opts.categories, quotas: opts.quotas, pool });
  if (!fair.ok) throw new AppError("invalid:draw", `This draw cannot be made: ${fair.problems.join(" ")}`);
  const seed = randomBytes(32).toString("hex");
  const announcement: DrawAnnouncement = {
    format: DRAW_FORMAT,
    drawId: opts.drawId,
    title: opts.title,
    seats: opts.seats,
    reserveSize: Math.min(opts.reserveSize, Math.max(0, pool.length - opts.seats)),
    categories: opts.categories,
    quotas: opts.quotas,
    pool,
    algorithm: fair.algorithm,
    distribution: fair.distribution,
    commitment: { kind: "sha256-seed", hash: commitmentOf(seed), note: COMMITMENT_NOTE },
  };
  return { entries, announcement, seed };
}

export async function insertDraw(
  tx: Tx,
  actor: Actor,
  purpose: "council" | "appeal_panel",
  id: string,
  frozen: Frozen,
  input: { title: string; seats: number; quotas: Quota[]; termDays: number; drawNotBefore: Date },
): Promise<void> {
  const hash = announcementHash(frozen.announcement);
  await tx.insert(councilDraws).values({
    id,
    purpose,
    title: input.title,
    seats: input.seats,
    quotas: input.quotas,
    termDays: input.termDays,
    announcement: frozen.announcement,
    announcementHash: hash,
    seed: frozen.seed,
    drawNotBefore: input.drawNotBefore,
    announcedBy: actor.id,
  });
  if (frozen.entries.length) await tx.insert(drawEntries).values(frozen.entries.map((e) => ({ drawId: id, poolId: e.poolId, userId: e.userId, secret: e.secret })));
  await recordAudit(tx, {
    actorId: actor.id,
    action: "draw.announce",
    targetType: "draw",
    targetId: id,
    details: { title: input.title, purpose, seats: input.seats, pool: frozen.entries.length, commitment: frozen.announcement.commitment.hash, announcementHash: hash },
  });
}

/** Announces a council draw: the pool is frozen and the seed committed; it runs once, at or after drawNotBefore. */
export async function announceCouncilDraw(db: Db, actor: Actor, input: DrawInput, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "draw.announce", null);
  if (input.drawNotBefore.getTime() < now.getTime() - 60_000) throw new AppError("invalid:draw", "The draw time must not be in the past.", "drawNotBefore");
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: councilDraws.id })
      .from(councilDraws)
      .where(and(eq(councilDraws.purpose, "council"), eq(councilDraws.status, "announced")))
      .for("update");
    if (pending) throw new AppError("conflict:draw", "A council draw is already announced and not yet run: run it first.");
    const settings = await getCouncilSettings(tx);
    const pool = await councilPool(tx, settings.poolCategories);
    const id = crypto.randomUUID();
    const frozen = await freezeAnnouncement({ drawId: id, title: input.title, seats: input.seats, reserveSize: input.seats, categories: settings.poolCategories, quotas: input.quotas, pool });
    await insertDraw(tx, actor, "council", id, frozen, { ...input, termDays: settings.councilTermDays });
    return { id };
  });
}

async function lockDraw(tx: Tx, drawId: string) {
  const [draw] = await tx.select().from(councilDraws).where(eq(councilDraws.id, drawId)).for("update");
  if (!draw) throw notFound("draw", "That draw does not exist.");
  return draw;
}

/** Reveals the seed and runs the draw. A draw runs once: a second run is refused. */
export async function executeDraw(db: Db, actor: Actor, drawId: string, now = new Date()): Promise<{ panel: string[]; reserve: string[] }> {
  return db.transaction((tx) => executeDrawTx(tx, actor, drawId, now));
}

export async function executeDrawTx(tx: Tx, actor: Actor, drawId: string, now: Date): Promise<{ panel: string[]; reserve: string[] }> {
  {
    const draw = await lockDraw(tx, drawId);
    if (draw.status === "drawn") throw new AppError("conflict:draw", "This draw has already been run; a draw runs once and its result stands.");
    if (draw.status === "cancelled") throw new AppError("conflict:draw", "This draw was cancelled.");
    assertCan(actor, "draw.run", { id: draw.id, status: draw.status, due: true });
    // The seed is committed until the announced time: running early is refused, not merely unwise.
    if (now < draw.drawNotBefore) throw new AppError("forbidden:draw.run", `This draw may run from ${draw.drawNotBefore.toISOString().replace("T", " ").slice(0, 16)} UTC, not before.`);
    const result = runDraw(draw.announcement, draw.seed);
    await tx.update(councilDraws).set({ status: "drawn", result, drawnAt: now, drawnBy: actor.id }).where(eq(councilDraws.id, draw.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "draw.run",
      targetType: "draw",
      targetId: draw.id,
      details: { title: draw.title, seed: draw.seed, panel: result.panel, reserve: result.reserve },
    });
    if (draw.purpose === "council") await seatCouncil(tx, actor, draw.id, result.panel, draw.termDays, now);
    return result;
  }
}

export async function usersOf(tx: Tx, drawId: string, poolIds: string[]): Promise<Map<string, string>> {
  if (poolIds.length === 0) return new Map();
  const rows = await tx.select({ poolId: drawEntries.poolId, userId: drawEntries.userId }).from(drawEntries).where(and(eq(drawEntries.drawId, drawId), inArray(drawEntries.poolId, poolIds)));
  return new Map(rows.map((r) => [r.poolId, r.userId]));
}

/** Gives one drawn person the council role for a term; an existing council grant is kept and linked. */
async function seatOne(tx: Tx, actor: Actor | null, drawId: string, poolId: string, userId: string, termDays: number, now: Date, fromReserve: boolean) {
  const termEndsAt = new Date(now.getTime() + termDays * 86_400_000);
  const [existing] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "council"), isNull(roleGrants.revokedAt), isNull(roleGrants.themeId)));
  const grantId = existing?.id ?? (await tx.insert(roleGrants).values({ userId, role: "council", grantedBy: null }).returning({ id: roleGrants.id }))[0]!.id;
  const [seat] = await tx.insert(councilSeats).values({ drawId, poolId, userId, roleGrantId: grantId, fromReserve, seatedAt: now, termEndsAt }).returning({ id: councilSeats.id });
  await scheduleDeadline(tx, "council.termEnd", seat!.id, termEndsAt);
  await recordAudit(tx, {
    actorId: actor?.id ?? null,
    action: "role.grant",
    targetType: "member",
    targetId: userId,
    reason: fromReserve ? "Next on the draw's reserve list after a seat fell vacant" : "Drawn by lot for the council",
    details: { role: "council", drawId, poolId, termEndsAt: termEndsAt.toISOString(), fromReserve },
  });
}

/** The drawn panel replaces the council seated by earlier draws (their grants end); bootstrap appointments are left to the admins. */
async function seatCouncil(tx: Tx, actor: Actor, drawId: string, panel: string[], termDays: number, now: Date) {
  const people = await usersOf(tx, drawId, panel);
  const newUsers = new Set(people.values());
  const current = await tx.select().from(councilSeats).where(isNull(councilSeats.endedAt));
  for (const seat of current) {
    await tx.update(councilSeats).set({ endedAt: now, endReason: "Replaced by a new draw" }).where(eq(councilSeats.id, seat.id));
    if (seat.roleGrantId && !newUsers.has(seat.userId)) {
      await tx.update(roleGrants).set({ revokedAt: now, revokedBy: null }).where(and(eq(roleGrants.id, seat.roleGrantId), isNull(roleGrants.revokedAt)));
      await recordAudit(tx, { actorId: actor.id, action: "role.revoke", targetType: "member", targetId: seat.userId, reason: "Term ended: a new council was drawn", details: { role: "council", drawId } });
    }
  }
  for (const poolId of panel) {
    const userId = people.get(poolId);
    if (userId) await seatOne(tx, actor, drawId, poolId, userId, termDays, now, false);
  }
}

/**
 * Refills a council seat that fell vacant (a recall): the next on the draw's reserve list who
 * keeps the quotas met and is still a member in good standing. Returns who, or null (logged).
 */
export async function refillCouncilSeat(tx: Tx, departedUserId: string, now: Date): Promise<{ userId: string; quotasKept: boolean } | null> {
  const [seat] = await tx
    .select()
    .from(councilSeats)
    .where(and(eq(councilSeats.userId, departedUserId), isNull(councilSeats.endedAt)))
    .orderBy(desc(councilSeats.seatedAt))
    .limit(1);
  if (!seat) return null;
  await tx.update(councilSeats).set({ endedAt: now, endReason: "Recalled" }).where(eq(councilSeats.id, seat.id));
  const [draw] = await tx.select().from(councilDraws).where(eq(councilDraws.id, seat.drawId));
  if (!draw?.result) return null;
  const seats = await tx.select({ poolId: councilSeats.poolId, endedAt: councilSeats.endedAt }).from(councilSeats).where(eq(councilSeats.drawId, draw.id));
  const used = new Set(seats.map((s) => s.poolId));
  const sitting = [...seats.filter((s) => s.endedAt === null).map((s) => s.poolId), seat.poolId];
  const people = await usersOf(tx, draw.id, draw.result.reserve);
  const eligible = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...people.values(), departedUserId]), isNotNull(users.verifiedAt), isNull(users.suspendedAt)));
  const inGoodStanding = new Set(eligible.map((e) => e.id));
  for (const id of draw.result.reserve) if (!inGoodStanding.has(people.get(id) ?? "")) used.add(id);
  const next = nextReserve(draw.announcement, sitting, seat.poolId, draw.result.reserve, used);
  if (!next) {
    await recordAudit(tx, { actorId: null, action: "council.vacancy", targetType: "draw", targetId: draw.id, reason: "No one is left on the reserve list; the seat stays vacant until the next draw." });
    return null;
  }
  const userId = people.get(next.poolId)!;
  await seatOne(tx, null, draw.id, next.poolId, userId, Math.max(1, Math.ceil((seat.termEndsAt.getTime() - now.getTime()) / 86_400_000)), now, true);
  if (!next.quotasKept)
    await recordAudit(tx, { actorId: null, action: "council.vacancy", targetType: "draw", targetId: draw.id, reason: "No reserve keeps every quota; the next on the list was seated." });
  return { userId, quotasKept: next.quotasKept };
}

/** Ends council seats whose term is over, and their council role. Run by the job queue; idempotent. */
export async function endExpiredCouncilTerms(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(councilSeats)
      .set({ endedAt: now, endReason: "Term ended" })
      .where(and(isNull(councilSeats.endedAt), lte(councilSeats.termEndsAt, now)))
      .returning({ userId: councilSeats.userId, roleGrantId: councilSeats.roleGrantId, drawId: councilSeats.drawId });
    for (const seat of ended) {
      if (!seat.roleGrantId) continue;
      const revoked = await tx.update(roleGrants).set({ revokedAt: now, revokedBy: null }).where(and(eq(roleGrants.id, seat.roleGrantId), isNull(roleGrants.revokedAt))).returning({ id: roleGrants.id });
      if (!revoked.length) continue;
      await announceRevocation(tx, { userId: seat.userId });
      await recordAudit(tx, { actorId: null, action: "role.revoke", targetType: "member", targetId: seat.userId, reason: "Council term ended", details: { role: "council", drawId: seat.drawId } });
    }
    return ended.length;
  });
}

/** The draw as published: the seed only once it has run. */
export async function getPublishedDraw(db: Tx, drawId: string): Promise<(PublishedDraw & { status: string; drawNotBefore: Date; purpose: string }) | null> {
  const [draw] = await db.select().from(councilDraws).where(eq(councilDraws.id, drawId));
  if (!draw) return null;
  return {
    announcement: draw.announcement,
    announcementHash: draw.announcementHash,
    result: draw.status === "drawn" ? draw.result : null,
    status: draw.status,
    drawNotBefore: draw.drawNotBefore,
    purpose: draw.purpose,
  };
}
