import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { openResponse, openSynthesis } from "./documents";

const db = getDb();
afterAll(() => closeDb());

describe("opening a co-edited document", () => {
  it("makes one Response per paper and tells each viewer what they may do", async () => {
    const paper = await createTestPaper(db);
    const member = await loadActor(db, (await createPerson(db)).id);
    const registered = await loadActor(db, (await createPerson(db, { standing: "registered" })).id);
    const first = await openResponse(db, member, paper.id);
    expect(first.mode).toBe("write");
    expect(first.doc).toBe(`response.${first.id}`);
    const again = await openResponse(db, registered, paper.id);
    expect(again.id).toBe(first.id);
    expect(again.mode).toBe("read");
    expect((await openResponse(db, VISITOR, paper.id)).mode).toBe("read");
  });

  it("hides the Response of a hidden paper from those who may not see the paper", async () => {
    const paper = await createTestPaper(db, { hidden: true });
    const member = await loadActor(db, (await createPerson(db)).id);
    const error = await openResponse(db, member, paper.id).catch((e: unknown) => e);
    expect(isAppError(error) && error.kind).toBe("forbidden");
  });

  it("lets the theme's curators write its synthesis and members read it", async () => {
    const theme = await createTestTheme(db);
    const curator = await loadActor(db, (await createPerson(db, { curates: [theme.id] })).id);
    const member = await loadActor(db, (await createPerson(db)).id);
    expect((await openSynthesis(db, curator, theme.id)).mode).toBe("write");
    expect((await openSynthesis(db, member, theme.id)).mode).toBe("read");
  });
});
