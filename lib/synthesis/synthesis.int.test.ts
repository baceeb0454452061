import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { responses, syntheses } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { ensureResponse, ensureSynthesis } from "@/lib/collab/documents";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { getSynthesisPage, listSynthesisSources } from "./queries";
import { createSuggestion, listSuggestions } from "./suggestions";

const db = getDb();
afterAll(() => closeDb());

const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const kindOf = (e: unknown) => (isAppError(e) ? e.kind : e);

describe("synthesis suggestions", () => {
  it("verified members suggest (Markdown-light, sanitised); registered members, visitors and archived themes may not", async () => {
    const theme = await createTestTheme(db);
    const member = await actorFor({ name: "Sue Gester" });
    await createSuggestion(db, member, { themeId: theme.id, body: "Add **costs** <script>alert(1)</script>" });
    const list = await listSuggestions(db, VISITOR, theme.id);
    expect(list).toHaveLength(1);
    expect(list[0]!.authorName).toBe("Sue Gester");
    expect(list[0]!.bodyHtml).toContain("<strong>costs</strong>");
    expect(list[0]!.bodyHtml).not.toContain("<script");

    expect(kindOf(await createSuggestion(db, await actorFor({ standing: "registered" }), { themeId: theme.id, body: "x" }).catch((e) => e))).toBe("forbidden");
    expect(kindOf(await createSuggestion(db, VISITOR, { themeId: theme.id, body: "x" }).catch((e) => e))).toBe("unauthenticated");
    const archived = await createTestTheme(db, { archivedAt: new Date() });
    expect(kindOf(await createSuggestion(db, member, { themeId: archived.id, body: "x" }).catch((e) => e))).toMatch(/forbidden|not_found/);
  });

  it("keeps suggestions on a members-only theme from visitors", async () => {
    const theme = await createTestTheme(db, { discussionPublic: false });
    await createSuggestion(db, await actorFor(), { themeId: theme.id, body: "Members only" });
    expect(await listSuggestions(db, VISITOR, theme.id)).toEqual([]);
    expect(await listSuggestions(db, await actorFor(), theme.id)).toHaveLength(1);
  });
});

describe("the Responses a synthesis draws on", () => {
  it("lists the theme's public papers and flags each Response changed after the synthesis was last edited", async () => {
    const theme = await createTestTheme(db);
    const a = await createTestPaper(db, { themeId: theme.id, title: "A paper" });
    const b = await createTestPaper(db, { themeId: theme.id, title: "B paper" });
    await createTestPaper(db, { themeId: theme.id, title: "Hidden paper", hidden: true });
    await createTestPaper(db, { themeId: theme.id, title: "Draft paper", status: "draft" });
    const synthesisId = await ensureSynthesis(db, theme.id);
    const t0 = new Date(Date.now() - 60_000);
    await db.update(responses).set({ contentUpdatedAt: new Date(t0.getTime() - 1000) }).where(eq(responses.id, await ensureResponse(db, a.id)));
    await db.update(responses).set({ contentUpdatedAt: new Date(t0.getTime() + 1000) }).where(eq(responses.id, await ensureResponse(db, b.id)));
    await db.update(syntheses).set({ contentUpdatedAt: t0 }).where(eq(syntheses.id, synthesisId));

    const sources = await listSynthesisSources(db, theme.id, t0);
    expect(sources.map((s) => [s.title, s.changedSince])).toEqual([
      ["A paper", false],
      ["B paper", true],
    ]);

    // Curators edit, members are told why they cannot, and see the same sources.
    const curator = await getSynthesisPage(db, await actorFor({ curates: [theme.id] }), theme.slug);
    expect(curator.readOnlyReason).toBeNull();
    expect(curator.document.mode).toBe("write");
    const member = await getSynthesisPage(db, await actorFor(), theme.slug);
    expect(member.document.mode).toBe("read");
    expect(member.canSuggest).toBe(true);
    expect(member.readOnlyReason).toMatch(/only the theme’s curators edit/);
    expect(member.sources.map((s) => s.changedSince)).toEqual([false, true]);
    const unwritten = await getSynthesisPage(db, VISITOR, (await createTestTheme(db)).slug);
    expect(unwritten.sources).toEqual([]);
    expect(unwritten.canSuggest).toBe(false);
  });
});
