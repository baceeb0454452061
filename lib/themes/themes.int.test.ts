import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, themes } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createPerson, createTestTheme, uniqueSuffix } from "@/lib/testing/factories";
import { createTheme, moveTheme, setCurators, setThemeArchived, updateTheme } from "./commands";
import { getThemeBySlug, listActiveThemes } from "./queries";

const db = getDb();
afterAll(() => closeDb());
const admin = async () => loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
const input = (slug = `t-${uniqueSuffix()}`) => ({ title: "Housing", slug, description: "Homes for all.", colour: "#123456", discussionPublic: true });

describe("themes", () => {
  it("creates a theme at the end of the order, audited, and lists it", async () => {
    const actor = await admin();
    const { id, slug } = await createTheme(db, actor, input());
    const listed = await listActiveThemes(db);
    expect(listed.at(-1)).toMatchObject({ id, slug });
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "theme.create")));
    expect(entry).toMatchObject({ actorId: actor.id, targetType: "theme" });
  });

  it("turns a taken address into a field error", async () => {
    const actor = await admin();
    const { slug } = await createTheme(db, actor, input());
    await expect(createTheme(db, actor, input(slug))).rejects.toMatchObject({ code: "conflict:slug", field: "slug" });
    const other = await createTestTheme(db);
    await expect(updateTheme(db, actor, other.id, input(slug))).rejects.toMatchObject({ field: "slug" });
  });

  it("archives and restores, hiding the theme from non-admins meanwhile", async () => {
    const actor = await admin();
    const theme = await createTestTheme(db);
    await setThemeArchived(db, actor, theme.id, true, "Merged into Health");
    const member = await loadActor(db, (await createPerson(db)).id);
    await expect(getThemeBySlug(db, member, theme.slug)).rejects.toMatchObject({ kind: "not_found" });
    await expect(getThemeBySlug(db, actor, theme.slug)).resolves.toMatchObject({ id: theme.id });
    await setThemeArchived(db, actor, theme.id, false);
    await expect(getThemeBySlug(db, member, theme.slug)).resolves.toMatchObject({ id: theme.id });
    const actions = await db.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.targetId, theme.id)).orderBy(asc(auditLog.id));
    expect(actions).toEqual([
      { action: "theme.archive", reason: "Merged into Health" },
      { action: "theme.unarchive", reason: null },
    ]);
  });

  it("moves a theme up and down the order", async () => {
    const actor = await admin();
    // Placed last in the order so the move only swaps these two.
    const a = await createTestTheme(db, { position: 1_000_000 });
    const b = await createTestTheme(db, { position: 1_000_001 });
    const order = async () => (await db.select({ id: themes.id }).from(themes).orderBy(asc(themes.position), asc(themes.title))).map((t) => t.id).filter((id) => id === a.id || id === b.id);
    expect(await order()).toEqual([a.id, b.id]);
    await moveTheme(db, actor, b.id, "up");
    expect(await order()).toEqual([b.id, a.id]);
    await moveTheme(db, actor, b.id, "down");
    expect(await order()).toEqual([a.id, b.id]);
  });

  it("sets curators by e-mail, refusing unknown and unverified people", async () => {
    const actor = await admin();
    const theme = await createTestTheme(db);
    const curator = await createPerson(db);
    const unverified = await createPerson(db, { standing: "registered" });
    await expect(setCurators(db, actor, theme.id, ["nobody@example.test"])).rejects.toMatchObject({ field: "curatorEmails", message: /nobody@example.test/ });
    await expect(setCurators(db, actor, theme.id, [unverified.email])).rejects.toMatchObject({ message: /must be verified/ });
    await setCurators(db, actor, theme.id, [curator.email]);
    expect((await loadActor(db, curator.id)).curatorOf.has(theme.id)).toBe(true);
    await setCurators(db, actor, theme.id, []);
    expect((await loadActor(db, curator.id)).curatorOf.has(theme.id)).toBe(false);
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.targetId, theme.id), inArray(auditLog.action, ["theme.setCurators"])));
    expect(logged).toHaveLength(2);
  });
});
