/** Each visibility rule has a TypeScript form (core.ts, for can()) and an SQL form (visibility.ts, for lists): they must agree on every state. */
import { aliasedTable, eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { papers, themes } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { loadPaperResource } from "@/lib/papers/resource";
import { createPerson, createTestPaper, createTestTheme, type PersonSpec } from "@/lib/testing/factories";
import { VISITOR, can, type Actor } from "./permissions";
import { canReadDiscussion, canReadDiscussionSql, paperIsPublic, paperIsPublicSql, themeVisible, themeVisibleSql } from "./visibility";

const db = getDb();
afterAll(() => closeDb());

const actorSpecs: Record<string, PersonSpec | null> = {
  visitor: null,
  registered: { standing: "registered" },
  member: {},
  suspended: { standing: "suspended" },
  moderator: { roles: ["moderator"] },
  admin: { roles: ["admin"] },
  "unverified admin": { roles: ["admin"], standing: "registered" },
  "suspended admin": { roles: ["admin"], standing: "suspended" },
};

describe("visibility rules in SQL and TypeScript", () => {
  it("agree on every paper and theme state, for every kind of actor", async () => {
    const ids: string[] = [];
    for (const published of [true, false])
      for (const hidden of [false, true])
        for (const archived of [false, true])
          for (const discussionPublic of [true, false]) {
            const theme = await createTestTheme(db, { archivedAt: archived ? new Date() : null, discussionPublic });
            ids.push((await createTestPaper(db, { themeId: theme.id, status: published ? "published" : "draft", hidden })).id);
          }
    const actors: [string, Actor][] = [];
    for (const [name, spec] of Object.entries(actorSpecs)) actors.push([name, spec ? await loadActor(db, (await createPerson(db, spec)).id) : VISITOR]);

    let compared = 0;
    // Through aliases too, as raw-SQL queries (search) use them.
    const p = aliasedTable(papers, "p");
    const t = aliasedTable(themes, "t");
    for (const [name, actor] of actors) {
      const rows = await db
        .select({ id: p.id, isPublic: sql<boolean>`${paperIsPublicSql(p, t)}`, readsDiscussion: sql<boolean>`${canReadDiscussionSql(actor, t)}`, themeShown: sql<boolean>`${themeVisibleSql(actor, t)}` })
        .from(p)
        .innerJoin(t, eq(t.id, p.themeId))
        .where(inArray(p.id, ids));
      expect(rows).toHaveLength(16);
      for (const row of rows) {
        const paper = await loadPaperResource(db, row.id);
        const state = `${name} on ${JSON.stringify({ v: paper.publishedVersion, hidden: !!paper.hiddenAt, archived: !!paper.theme.archivedAt, discussionPublic: paper.theme.discussionPublic })}`;
        expect(row.isPublic, `paperIsPublic: ${state}`).toBe(paperIsPublic(paper));
        expect(row.readsDiscussion, `canReadDiscussion: ${state}`).toBe(canReadDiscussion(actor, paper.theme));
        expect(row.themeShown, `themeVisible: ${state}`).toBe(themeVisible(actor, paper.theme));
        // And the rules can() is written with use the same predicates.
        expect(can(actor, "theme.view", paper.theme)).toBe(themeVisible(actor, paper.theme));
        expect(can(actor, "theme.viewDiscussion", paper.theme)).toBe(themeVisible(actor, paper.theme) && canReadDiscussion(actor, paper.theme));
        compared++;
      }
    }
    expect(compared).toBe(16 * actors.length);
  });
});
