import { and, asc, eq, inArray, isNull, max, notInArray } from "drizzle-orm";
import type { Db } from "@/db";
import { roleGrants, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { announceRevocation } from "@/lib/collab/announce";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { ThemeInput } from "@/lib/validation/themes";

const slugTaken = () => new AppError("conflict:slug", "Another theme already uses this address.", "slug");

export async function createTheme(db: Db, actor: Actor, input: ThemeInput): Promise<{ id: string; slug: string }> {
  assertCan(actor, "theme.create", null);
  try {
    return await db.transaction(async (tx) => {
      const [{ last }] = (await tx.select({ last: max(themes.position) }).from(themes)) as [{ last: number | null }];
      const [theme] = await tx
        .insert(themes)
        .values({ ...input, position: (last ?? -1) + 1 })
        .returning({ id: themes.id, slug: themes.slug });
      await recordAudit(tx, { actorId: actor.id, action: "theme.create", targetType: "theme", targetId: theme!.id, details: { title: input.title, slug: input.slug } });
      return theme!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken();
    throw e;
  }
}

async function lockTheme(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], id: string) {
  const [theme] = await tx.select().from(themes).where(eq(themes.id, id)).for("update");
  if (!theme) throw notFound("theme", "That theme does not exist.");
  return theme;
}

export async function updateTheme(db: Db, actor: Actor, id: string, input: ThemeInput): Promise<{ slug: string }> {
  try {
    return await db.transaction(async (tx) => {
      const theme = await lockTheme(tx, id);
      assertCan(actor, "theme.update", theme);
      await tx.update(themes).set({ ...input, updatedAt: new Date() }).where(eq(themes.id, id));
      const changed = (Object.keys(input) as (keyof ThemeInput)[]).filter((k) => theme[k] !== input[k]);
      if (changed.includes("discussionPublic")) await announceRevocation(tx, { themeId: id });
      await recordAudit(tx, { actorId: actor.id, action: "theme.update", targetType: "theme", targetId: id, details: { title: input.title, changed } });
      return { slug: input.slug };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken();
    throw e;
  }
}

/** Archiving hides a theme from the public but keeps everything in it; unarchiving brings it back. */
export async function setThemeArchived(db: Db, actor: Actor, id: string, archived: boolean, reason?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const theme = await lockTheme(tx, id);
    assertCan(actor, "theme.archive", theme);
    if (!!theme.archivedAt === archived) return;
    await tx.update(themes).set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() }).where(eq(themes.id, id));
    await announceRevocation(tx, { themeId: id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? "theme.archive" : "theme.unarchive",
      targetType: "theme",
      targetId: id,
      reason: reason ?? null,
      details: { title: theme.title },
    });
  });
}

/** Moves a theme one place up or down in the order the home page shows. */
export async function moveTheme(db: Db, actor: Actor, id: string, direction: "up" | "down"): Promise<void> {
  assertCan(actor, "theme.reorder", null);
  await db.transaction(async (tx) => {
    const ordered = await tx.select({ id: themes.id, title: themes.title }).from(themes).orderBy(asc(themes.position), asc(themes.title)).for("update");
    const from = ordered.findIndex((t) => t.id === id);
    if (from < 0) throw notFound("theme", "That theme does not exist.");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ordered.length) return;
    const [moved] = ordered.splice(from, 1);
    ordered.splice(to, 0, moved!);
    // Renumber densely, which also repairs any gaps or ties left by earlier edits.
    for (const [position, t] of ordered.entries()) {
      await tx.update(themes).set({ position }).where(eq(themes.id, t.id));
    }
    await recordAudit(tx, { actorId: actor.id, action: "theme.reorder", targetType: "theme", targetId: id, details: { title: moved!.title, direction, position: to } });
  });
}

/** Replaces a theme's curators with the members named by these e-mail addresses. */
export async function setCurators(db: Db, actor: Actor, themeId: string, emails: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const theme = await lockTheme(tx, themeId);
    assertCan(actor, "theme.setCurators", theme);
    const wanted = emails.length
      ? await tx.select({ id: users.id, email: users.email, verifiedAt: users.verifiedAt }).from(users).where(inArray(users.email, emails))
      : [];
    const missing = emails.filter((e) => !wanted.some((w) => w.email === e));
    if (missing.length) throw new AppError("invalid:curators", `No account has the address ${missing.join(", ")}.`, "curatorEmails");
    const unverified = wanted.filter((w) => !w.verifiedAt).map((w) => w.email);
    if (unverified.length) throw new AppError("invalid:curators", `Curators must be verified members: ${unverified.join(", ")} is not.`, "curatorEmails");
    const wantedIds = wanted.map((w) => w.id);
    const active = and(eq(roleGrants.themeId, themeId), eq(roleGrants.role, "curator"), isNull(roleGrants.revokedAt));
    const removed = await tx
      .update(roleGrants)
      .set({ revokedAt: new Date(), revokedBy: actor.id })
      .where(wantedIds.length ? and(active, notInArray(roleGrants.userId, wantedIds)) : active)
      .returning({ userId: roleGrants.userId });
    const current = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(active);
    const added = wantedIds.filter((id) => !current.some((c) => c.userId === id));
    if (added.length) {
      await tx.insert(roleGrants).values(added.map((userId) => ({ userId, role: "curator" as const, themeId, grantedBy: actor.id })));
    }
    if (removed.length) await announceRevocation(tx, { themeId });
    if (added.length || removed.length) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "theme.setCurators",
        targetType: "theme",
        targetId: themeId,
        details: { title: theme.title, added: added.length, removed: removed.length },
      });
    }
  });
}
