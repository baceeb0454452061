import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { collabRevisions, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { ensureResponse, ensureSynthesis } from "@/lib/collab/documents";
import { getRevision, listRevisions, saveRevision } from "@/lib/collab/revisions";
import { VISITOR } from "@/lib/auth/permissions";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { publicName, publicNameSql } from "./public-name";

const db = getDb();
afterAll(() => closeDb());

describe("the public name", () => {
  it("is the same in SQL and TypeScript for every combination of pseudonym and choice", async () => {
    const states = [null, "", "   ", "Red Kite"].flatMap((pseudonym) => [true, false].map((usePseudonym) => ({ pseudonym, usePseudonym })));
    const ids: string[] = [];
    for (const state of states) {
      const person = await createPerson(db, { name: `Real Name ${ids.length}` });
      await db.update(users).set(state).where(eq(users.id, person.id));
      ids.push(person.id);
    }
    const rows = await db
      .select({ displayName: users.displayName, pseudonym: users.pseudonym, usePseudonym: users.usePseudonym, sqlName: publicNameSql() })
      .from(users)
      .where(inArray(users.id, ids));
    expect(rows).toHaveLength(states.length);
    for (const row of rows) expect(row.sqlName, JSON.stringify(row)).toBe(publicName(row));
    expect(rows.filter((r) => r.sqlName === "Red Kite")).toHaveLength(1);
  });

  // Regression (issue 9): revision lists and pages said "Saved by <real name>" to visitors.
  it("is what a Response's and a synthesis's revisions say they were saved by", async () => {
    const editor = await createPerson(db, { name: "Realname Saver", pseudonym: "Quiet Heron" });
    const theme = await createTestTheme(db);
    const curator = await createPerson(db, { name: "Realname Curator", pseudonym: "Grey Wagtail", curates: [theme.id] });
    const docs = [
      { doc: `response.${await ensureResponse(db, (await createTestPaper(db)).id)}`, by: editor, shown: "Quiet Heron" },
      { doc: `synthesis.${await ensureSynthesis(db, theme.id)}`, by: curator, shown: "Grey Wagtail" },
    ];
    for (const { doc, by, shown } of docs) {
      const saved = await saveRevision(db, await loadActor(db, by.id), { doc, name: "Named version" });
      const list = await listRevisions(db, VISITOR, doc);
      expect(list.map((r) => r.createdByName)).toEqual([shown]);
      expect((await getRevision(db, VISITOR, doc, saved.id)).createdByName).toBe(shown);
      expect(saved.createdByName).toBe(shown);
      const [stored] = await db.select({ createdBy: collabRevisions.createdBy }).from(collabRevisions).where(eq(collabRevisions.id, saved.id));
      expect(stored!.createdBy).toBe(by.id);
    }
  });
});
