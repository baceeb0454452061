import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { anecdoteConsents, anecdoteUses, anecdotes, notifications } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { CONSENT_WORDING } from "./consent";
import { attestStory, changeConsent, createPressPack, decideRedaction, expireConsents, proposeRedaction, quoteStoryInResponse, reviewStory, submitStory } from "./commands";
import { getPressPack, getQuotedStory, getStory, getStoryQuoteForResponse, listTakedowns } from "./queries";
import { renderPressPackDocx, renderPressPackHtml } from "./press-pack";
import { storySchema } from "./validation";

const db = getDb();
afterAll(() => closeDb());
const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const fails = (field: string | null, pattern?: RegExp) => (e: unknown) => isAppError(e) && (field === null || e.field === field) && (!pattern || pattern.test(e.message));

async function world() {
  const theme = await createTestTheme(db);
  const teller = await actorFor({ name: "Tess Teller" });
  const curator = await actorFor({ curates: [theme.id] });
  return { theme, teller, curator };
}

const storyInput = (themeId: string, level: "internal" | "anonymous" | "named" = "named") => ({
  title: "The ward that closed",
  body: "Nurse Jane Doe at St Mary's told me the ward would close in March; my father waited nine hours on a trolley.",
  occurredOn: "2025-03-14",
  place: "Leeds",
  themeId,
  role: "subject" as const,
  consentLevel: level,
  wordingVersion: CONSENT_WORDING[level].version,
  expiryMonths: 12,
});

async function acceptedAndApproved(w: Awaited<ReturnType<typeof world>>, level: "internal" | "anonymous" | "named" = "named") {
  const { id } = await submitStory(db, w.teller, storyInput(w.theme.id, level));
  await reviewStory(db, w.curator, { storyId: id, decision: "accept", reason: null });
  await proposeRedaction(db, w.curator, { storyId: id, redactedBody: "A nurse told me the ward would close in March; my father waited nine hours on a trolley.", note: "Names removed." });
  await decideRedaction(db, w.teller, { storyId: id, decision: "approve" });
  return id;
}

describe("anecdotes", () => {
  it("refuses a story without a place, with a clear message", () => {
    const parsed = storySchema.safeParse({ ...storyInput("00000000-0000-0000-0000-000000000000"), place: "", wordingVersion: "1", expiryMonths: "12" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((i) => i.path[0] === "place")?.message).toMatch(/where it happened/);
  });

  it("records the exact wording and version of the consent given, with its expiry", async () => {
    const w = await world();
    const { id } = await submitStory(db, w.teller, storyInput(w.theme.id, "anonymous"), new Date("2026-01-01T00:00:00Z"));
    const [row] = await db.select().from(anecdoteConsents).where(eq(anecdoteConsents.anecdoteId, id));
    expect(row).toMatchObject({ change: "grant", level: "anonymous", wordingVersion: 1, wording: CONSENT_WORDING.anonymous.text });
    expect(row!.expiresAt!.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    // A stale form (a wording version the site no longer shows) is refused.
    await expect(submitStory(db, w.teller, { ...storyInput(w.theme.id), wordingVersion: 0 })).rejects.toSatisfy(fails("consentLevel", /wording has changed/));
  });

  it("refuses an attestation by the storyteller themself and accepts one by a second member", async () => {
    const w = await world();
    const { id } = await submitStory(db, w.teller, storyInput(w.theme.id));
    const [{ attestToken }] = (await db.select({ attestToken: anecdotes.attestToken }).from(anecdotes).where(eq(anecdotes.id, id))) as [{ attestToken: string }];
    await expect(attestStory(db, w.teller, { token: attestToken, relation: "It was me." })).rejects.toSatisfy(fails("relation", /own story/));
    expect((await getStory(db, w.teller, id)).attesters).toHaveLength(0);
    const witness = await actorFor({ name: "Will Witness" });
    await attestStory(db, witness, { token: attestToken, relation: "I was in the waiting room with them." });
    expect((await getStory(db, w.teller, id)).attesters).toMatchObject([{ name: "Will Witness", relation: "I was in the waiting room with them." }]);
    await expect(attestStory(db, witness, { token: attestToken, relation: "Again." })).rejects.toSatisfy(fails("relation", /already/));
  });

  it("hides a story from anyone but its teller and its theme's curators", async () => {
    const w = await world();
    const { id } = await submitStory(db, w.teller, storyInput(w.theme.id));
    await expect(getStory(db, await actorFor(), id)).rejects.toSatisfy((e) => isAppError(e) && e.kind === "not_found");
    await expect(getStory(db, await actorFor({ curates: [(await createTestTheme(db)).id] }), id)).rejects.toSatisfy((e) => isAppError(e) && e.kind === "not_found");
    expect((await getStory(db, w.curator, id)).title).toBe("The ward that closed");
  });

  it("needs a reason to ask for changes or decline, and the teller's approval of the redaction before any use", async () => {
    const w = await world();
    const { id } = await submitStory(db, w.teller, storyInput(w.theme.id));
    await reviewStory(db, w.curator, { storyId: id, decision: "accept", reason: null });
    const paper = await createTestPaper(db, { themeId: w.theme.id });
    await expect(quoteStoryInResponse(db, w.curator, { storyId: id, paperId: paper.id, as: "anonymous" })).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
    await proposeRedaction(db, w.curator, { storyId: id, redactedBody: "A nurse told me the ward would close in March.", note: null });
    await expect(quoteStoryInResponse(db, w.curator, { storyId: id, paperId: paper.id, as: "anonymous" })).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
    await decideRedaction(db, w.teller, { storyId: id, decision: "approve" });
    await quoteStoryInResponse(db, w.curator, { storyId: id, paperId: paper.id, as: "anonymous" });
    const quote = await getStoryQuoteForResponse(db, w.curator, paper.id, id);
    expect(quote.text).toBe("A nurse told me the ward would close in March.");
    expect(quote.author).not.toContain("Tess");
  });

  it("refuses a use above the level the storyteller chose, and changes nothing", async () => {
    const w = await world();
    const id = await acceptedAndApproved(w, "anonymous");
    const paper = await createTestPaper(db, { themeId: w.theme.id });
    await expect(quoteStoryInResponse(db, w.curator, { storyId: id, paperId: paper.id, as: "named" })).rejects.toSatisfy(fails("as", /Anonymous quotation/));
    expect(await db.select().from(anecdoteUses).where(eq(anecdoteUses.anecdoteId, id))).toHaveLength(0);
    // Lowering cannot raise.
    await expect(changeConsent(db, w.teller, { storyId: id, change: "lower", level: "named" })).rejects.toSatisfy(fails("level", /below your current one/));
    const internal = await acceptedAndApproved(w, "internal");
    await expect(createPressPack(db, w.curator, { themeId: w.theme.id, title: "Pack", storyIds: [internal] })).rejects.toSatisfy(fails("stories", /internal only/));
  });

  it("withdrawal: the take-down list reaches the curator who used it, and the press pack leaves it out", async () => {
    const w = await world();
    const id = await acceptedAndApproved(w, "named");
    const other = await acceptedAndApproved(w, "anonymous");
    const paper = await createTestPaper(db, { themeId: w.theme.id });
    await quoteStoryInResponse(db, w.curator, { storyId: id, paperId: paper.id, as: "named" });
    const { id: packId } = await createPressPack(db, w.curator, { themeId: w.theme.id, title: "Waiting lists", storyIds: [id, other] });
    const before = await getPressPack(db, w.curator, packId);
    expect(before.entries.map((e) => [e.storyId, e.tellerName, e.place])).toEqual([
      [id, "Tess Teller", "Leeds"],
      [other, null, null],
    ]);
    const html = renderPressPackHtml(before);
    expect(html).toContain("Tess Teller");
    expect(html).not.toContain("Jane Doe");
    expect((await getQuotedStory(db, id))?.attribution).toContain("Tess Teller");

    const { takedowns } = await changeConsent(db, w.teller, { storyId: id, change: "withdraw" });
    expect(takedowns.map((t) => t.kind).sort()).toEqual(["press_pack", "response_quote"]);
    const list = await listTakedowns(db, w.curator);
    expect(list.filter((t) => t.storyId === id)).toHaveLength(2);
    const notes = await db.select().from(notifications).where(eq(notifications.userId, w.curator.id!));
    expect(notes.some((n) => n.kind === "story_update" && n.url === "/stories/takedowns")).toBe(true);

    const after = await getPressPack(db, w.curator, packId);
    expect(after.entries.map((e) => e.storyId)).toEqual([other]);
    expect(after.leftOut).toBe(1);
    const docx = await renderPressPackDocx(after);
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    expect(renderPressPackHtml(after)).not.toContain("Tess Teller");
    expect(await getQuotedStory(db, id)).toBeNull();
  });

  it("lowering from named to anonymous takes down named uses only and strips the name from the pack", async () => {
    const w = await world();
    const id = await acceptedAndApproved(w, "named");
    const { id: packId } = await createPressPack(db, w.curator, { themeId: w.theme.id, title: "Named", storyIds: [id] });
    const { takedowns } = await changeConsent(db, w.teller, { storyId: id, change: "lower", level: "anonymous" });
    expect(takedowns).toHaveLength(1);
    const pack = await getPressPack(db, w.curator, packId);
    expect(pack.entries[0]).toMatchObject({ tellerName: null, place: null, level: "anonymous" });
  });

  it("an expired consent counts as withdrawn (the scheduled job writes it to the ledger)", async () => {
    const w = await world();
    const id = await acceptedAndApproved(w, "anonymous");
    const { id: packId } = await createPressPack(db, w.curator, { themeId: w.theme.id, title: "Old", storyIds: [id] });
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect((await getPressPack(db, w.curator, packId, later)).entries).toHaveLength(0);
    expect(await expireConsents(db, later)).toBeGreaterThanOrEqual(1);
    const ledger = await db.select().from(anecdoteConsents).where(eq(anecdoteConsents.anecdoteId, id));
    expect(ledger.map((l) => l.change)).toContain("expire");
    expect((await listTakedowns(db, w.curator)).some((t) => t.storyId === id)).toBe(true);
  });
});
