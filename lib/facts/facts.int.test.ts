import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, factCitations, facts, factWords } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { factSchema } from "@/lib/validation/facts";
import { loadFactChips, recordCitations, renderFactChipsInHtml } from "./cite";
import {
  acceptFact,
  amendFact,
  commentOnDispute,
  confirmFact,
  disputeFact,
  editProposedFact,
  proposeFact,
  rejectFact,
  resolveDispute,
  retractFact,
} from "./commands";
import { getFactDetail, getFactVersion, listReviewQueue } from "./queries";
import { searchFacts } from "./search";
import { createTestFact, factInput } from "./test-factory";

const db = getDb();
afterAll(() => closeDb());

const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const errorKind = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (isAppError(e) ? e.kind : Promise.reject(e)),
  );
const hardness = async (id: string) => (await db.select({ h: facts.hardness }).from(facts).where(eq(facts.id, id)))[0]!.h;
const audits = async (targetId: string) => (await db.select({ action: auditLog.action, details: auditLog.details, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.targetId, targetId))).map((a) => a.action);

describe("the fact workflow", () => {
  it("a member proposes, a fact editor accepts, with a version, a score and an audit entry", async () => {
    const theme = await createTestTheme(db);
    const member = await actorFor();
    const editor = await actorFor({ roles: ["fact_editor"] });
    const { id } = await proposeFact(db, member, factInput({ themeIds: [theme.id] }));
    const proposed = await getFactDetail(db, member, id);
    expect(proposed.status).toBe("proposed");
    expect(proposed.versions).toHaveLength(1);
    expect(proposed.hardness.terms[0]!.explanation).toMatch(/not yet checked/);
    // Proposals are not public.
    expect(await errorKind(getFactDetail(db, VISITOR, id))).toBe("not_found");
    expect((await listReviewQueue(db, editor)).proposals.map((p) => p.id)).toContain(id);

    await acceptFact(db, editor, id, null);
    const accepted = await getFactDetail(db, VISITOR, id);
    expect(accepted.status).toBe("accepted");
    expect(await hardness(id)).toBe(accepted.hardness.score);
    expect(accepted.hardness.score).toBe(14 + 30);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "fact.accept")));
    expect(entry!.details).toEqual({ factId: id, statement: accepted.statement });
  });

  it("nobody accepts their own proposal, and members cannot accept at all", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const own = await createTestFact(db, { status: "proposed", proposedBy: editor.id });
    expect(await errorKind(acceptFact(db, editor, own.id, null))).toBe("forbidden");
    const other = await createTestFact(db, { status: "proposed" });
    expect(await errorKind(acceptFact(db, await actorFor(), other.id, null))).toBe("forbidden");
  });

  it("the proposer may correct a proposal, but not an accepted fact", async () => {
    const member = await actorFor();
    const fact = await createTestFact(db, { status: "proposed", proposedBy: member.id });
    const theme = await createTestTheme(db);
    await editProposedFact(db, member, fact.id, factInput({ themeIds: [theme.id], statement: "A corrected statement about school funding per pupil." }));
    expect((await getFactDetail(db, member, fact.id)).versions.map((v) => v.number)).toEqual([2, 1]);
    const accepted = await createTestFact(db, { status: "accepted", proposedBy: member.id });
    expect(await errorKind(editProposedFact(db, member, accepted.id, factInput({ themeIds: [theme.id] })))).toBe("forbidden");
  });

  it("rejecting needs a fact editor and leaves the fact hidden, scored 0", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const fact = await createTestFact(db, { status: "proposed" });
    await rejectFact(db, editor, fact.id, "The source does not say this.");
    expect(await hardness(fact.id)).toBe(0);
    expect(await errorKind(getFactDetail(db, VISITOR, fact.id))).toBe("not_found");
    expect(await audits(fact.id)).toContain("fact.reject");
    expect(await errorKind(rejectFact(db, editor, fact.id, "Again"))).toBe("forbidden");
  });

  it("amending keeps every version viewable and records why", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const fact = await createTestFact(db);
    await amendFact(db, editor, fact.id, factInput({ themeIds: [fact.themeId], statement: "An amended statement about waiting lists in England." }), "The figure was revised by NHS England.");
    const detail = await getFactDetail(db, VISITOR, fact.id);
    expect(detail.currentVersion).toBe(2);
    expect(detail.versions[0]).toMatchObject({ number: 2, reason: "The figure was revised by NHS England." });
    expect((await getFactVersion(db, VISITOR, fact.id, 1)).statement).toBe(fact.statement);
    expect(await audits(fact.id)).toContain("fact.amend");
    expect(await errorKind(amendFact(db, await actorFor(), fact.id, factInput({ themeIds: [fact.themeId] }), "Members cannot"))).toBe("forbidden");
  });

  it("confirmations raise the score; the proposer cannot confirm their own fact", async () => {
    const proposer = await actorFor();
    const fact = await createTestFact(db, { proposedBy: proposer.id });
    const before = await hardness(fact.id);
    await confirmFact(db, await actorFor(), fact.id, null);
    await confirmFact(db, await actorFor(), fact.id, "Checked the ONS table.");
    expect(await hardness(fact.id)).toBeGreaterThan(before);
    expect((await getFactDetail(db, VISITOR, fact.id)).confirmations).toBe(2);
    expect(await errorKind(confirmFact(db, proposer, fact.id, null))).toBe("forbidden");
    expect(await errorKind(confirmFact(db, VISITOR, fact.id, null))).toBe("unauthenticated");
  });

  it("a dispute lowers the score, has a discussion, and is settled by a fact editor with a reason", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const disputer = await actorFor();
    const fact = await createTestFact(db);
    const before = await hardness(fact.id);
    const { id: disputeId } = await disputeFact(db, disputer, fact.id, { reason: "The figure counts pathways, not people.", counterSourceUrl: "https://fullfact.org/health/waiting-list", counterSourceTitle: "Full Fact" });
    expect(await hardness(fact.id)).toBeLessThan(before);
    expect(await errorKind(disputeFact(db, disputer, fact.id, { reason: "Once more with feeling", counterSourceUrl: null, counterSourceTitle: null }))).toBe("conflict");

    const other = await actorFor();
    const { id: postId } = await commentOnDispute(db, other, disputeId, { body: "Agreed, **pathways** <script>alert(1)</script> [[fact:" + fact.id + "]]" });
    await commentOnDispute(db, disputer, disputeId, { body: "Thanks", parentId: postId });
    const detail = await getFactDetail(db, VISITOR, fact.id);
    const discussion = detail.disputes[0]!.comments;
    expect(discussion).toHaveLength(2);
    expect(discussion[0]!.bodyHtml).toContain("<strong>pathways</strong>");
    expect(discussion[0]!.bodyHtml).not.toContain("<script");
    expect(discussion[0]!.bodyHtml).toContain(`data-fact-chip="${fact.id}"`);
    expect(discussion[0]!.bodyHtml).toContain("Disputed");
    expect(discussion[1]!.parentId).toBe(postId);

    // The disputer does not settle their own dispute; a member cannot settle at all.
    const disputerEditor = await actorFor({ roles: ["fact_editor"] });
    const { id: ownDispute } = await disputeFact(db, disputerEditor, fact.id, { reason: "An editor disputes it as a member.", counterSourceUrl: null, counterSourceTitle: null });
    expect(await errorKind(resolveDispute(db, disputerEditor, ownDispute, { outcome: "upheld", reason: "Not mine to settle" }))).toBe("forbidden");
    expect(await errorKind(resolveDispute(db, other, disputeId, { outcome: "upheld", reason: "Members cannot" }))).toBe("forbidden");

    await resolveDispute(db, editor, disputeId, { outcome: "upheld", reason: "NHS England counts both; the statement says which." });
    await resolveDispute(db, editor, ownDispute, { outcome: "upheld", reason: "Same as the other dispute." });
    const settled = await getFactDetail(db, VISITOR, fact.id);
    expect(settled.disputes.every((d) => d.status === "upheld")).toBe(true);
    expect(settled.hardness.terms.map((t) => t.key)).toContain("upheld");
    expect(await audits(disputeId)).toEqual(["dispute.resolve"]);
    // Settled disputes take no more posts.
    expect(await errorKind(commentOnDispute(db, other, disputeId, { body: "Late" }))).toBe("forbidden");
  });

  it("a dispute settled by amendment makes a new version; one settled by retraction scores 0 with the explanation", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const fact = await createTestFact(db);
    const first = await disputeFact(db, await actorFor(), fact.id, { reason: "The date is wrong by a year.", counterSourceUrl: null, counterSourceTitle: null });
    await amendFact(db, editor, fact.id, factInput({ themeIds: [fact.themeId], asOf: "2024-03-31" }), "Corrected the date.", { disputeId: first.id });
    const amended = await getFactDetail(db, VISITOR, fact.id);
    expect(amended.currentVersion).toBe(2);
    expect(amended.disputes[0]!.status).toBe("amended");

    const second = await disputeFact(db, await actorFor(), fact.id, { reason: "The source withdrew the figure.", counterSourceUrl: null, counterSourceTitle: null });
    await resolveDispute(db, editor, second.id, { outcome: "retracted", reason: "The source withdrew it." });
    const retracted = await getFactDetail(db, VISITOR, fact.id);
    expect(retracted.status).toBe("retracted");
    expect(retracted.hardness.score).toBe(0);
    expect(retracted.hardness.terms[0]!.explanation).toMatch(/Retracted/);
    expect(await hardness(fact.id)).toBe(0);
    expect(await audits(fact.id)).toEqual(expect.arrayContaining(["fact.amend", "fact.retract"]));
    // Retracted facts can no longer be disputed or confirmed.
    expect(await errorKind(confirmFact(db, await actorFor(), fact.id, null))).toBe("forbidden");
  });

  it("track records weigh later reviews: a disputer proved right counts more next time", async () => {
    const editor = await actorFor({ roles: ["fact_editor"] });
    const sharp = await actorFor();
    const newcomer = await actorFor();
    for (let i = 0; i < 3; i++) {
      const f = await createTestFact(db);
      const d = await disputeFact(db, sharp, f.id, { reason: "This figure is out of date.", counterSourceUrl: null, counterSourceTitle: null });
      await resolveDispute(db, editor, d.id, { outcome: "retracted", reason: "Right, retracted." });
    }
    const a = await createTestFact(db);
    const b = await createTestFact(db);
    await disputeFact(db, sharp, a.id, { reason: "Again out of date.", counterSourceUrl: null, counterSourceTitle: null });
    await disputeFact(db, newcomer, b.id, { reason: "I think this is wrong.", counterSourceUrl: null, counterSourceTitle: null });
    expect(await hardness(a.id)).toBeLessThan(await hardness(b.id));

    // A confirmer proved wrong weighs less elsewhere, and the stored scores follow at once.
    const confirmer = await actorFor();
    const elsewhere = await createTestFact(db);
    await confirmFact(db, confirmer, elsewhere.id, null);
    const before = await hardness(elsewhere.id);
    const doomed = await createTestFact(db);
    await confirmFact(db, confirmer, doomed.id, null);
    const d = await disputeFact(db, await actorFor(), doomed.id, { reason: "The source withdrew it.", counterSourceUrl: null, counterSourceTitle: null });
    await resolveDispute(db, editor, d.id, { outcome: "retracted", reason: "Withdrawn by the source." });
    expect(await hardness(elsewhere.id)).toBeLessThan(before);
  });

  it("retracting directly needs a fact editor and a reason is logged", async () => {
    const fact = await createTestFact(db);
    expect(await errorKind(retractFact(db, await actorFor({ roles: ["moderator"] }), fact.id, "Moderators cannot"))).toBe("forbidden");
    await retractFact(db, await actorFor({ roles: ["fact_editor"] }), fact.id, "Withdrawn by the source.");
    expect(await hardness(fact.id)).toBe(0);
    expect(await audits(fact.id)).toEqual(["fact.retract"]);
  });

  it("a suspended member can neither propose nor dispute", async () => {
    const suspended = await actorFor({ standing: "suspended" });
    const theme = await createTestTheme(db);
    expect(await errorKind(proposeFact(db, suspended, factInput({ themeIds: [theme.id] })))).toBe("forbidden");
    const fact = await createTestFact(db);
    expect(await errorKind(disputeFact(db, suspended, fact.id, { reason: "Suspended people cannot", counterSourceUrl: null, counterSourceTitle: null }))).toBe("forbidden");
  });

  it("refuses archived or unknown themes", async () => {
    const archived = await createTestTheme(db, { archivedAt: new Date() });
    const e = await proposeFact(db, await actorFor(), factInput({ themeIds: [archived.id] })).catch((x: unknown) => x);
    expect(isAppError(e) && e.field).toBe("themeIds");
  });
});

describe("the fact form schema", () => {
  it("collects repeated sources and themes, reporting errors next to each source field", () => {
    const themeId = "5b1f0a3e-8f7e-4a7b-9a38-0c2f1d2e3f40";
    const bad = factSchema.safeParse({ statement: "short", [`theme.${themeId}`]: "true", "sources.0.url": "javascript:alert(1)", "sources.0.title": "T", "sources.0.publisher": "ONS", "sources.0.kind": "official_statistics", "sources.1.url": "", "sources.1.title": "", "sources.1.publisher": "", "sources.1.kind": "other" });
    expect(bad.success).toBe(false);
    const fields = Object.keys(bad.error!.issues.reduce((acc, i) => ({ ...acc, [String(i.path[0])]: true }), {}));
    expect(fields).toEqual(expect.arrayContaining(["statement", "sources.0.url", "sources.0.title"]));
    expect(fields).not.toContain("sources.1.url");
    const good = factSchema.parse({ statement: "Hospital waiting lists in England stood at 7.6 million.", figureValue: "7,600,000", figureUnit: "pathways", [`theme.${themeId}`]: "true", "sources.0.url": "https://www.england.nhs.uk/x", "sources.0.title": "RTT statistics", "sources.0.publisher": "NHS England", "sources.0.kind": "official_statistics" });
    expect(good.themeIds).toEqual([themeId]);
    expect(good.figureValue).toBe("7600000");
    expect(good.sources).toHaveLength(1);
  });
});

describe("fact search", () => {
  it("finds by words, by a misspelt word, filters by theme, kind and hardness, and escapes highlights", async () => {
    const theme = await createTestTheme(db);
    const other = await createTestTheme(db);
    const editor = await actorFor({ roles: ["fact_editor"] });
    const member = await actorFor();
    const word = `zym${Array.from({ length: 8 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("")}`;
    const { id } = await proposeFact(db, member, factInput({ themeIds: [theme.id], statement: `Spending on ${word} <b>apprenticeships</b> & training fell by a fifth.` }));
    await acceptFact(db, editor, id, null);
    const { id: otherId } = await proposeFact(
      db,
      member,
      factInput({ themeIds: [other.id], statement: `The ${word} campaign says tuition fees doubled.`, sources: [{ url: "https://campaign.example/fees", title: "Fees", publisher: "Campaign", publishedOn: null, kind: "advocacy_group" }] }),
    );
    await acceptFact(db, editor, otherId, null);
    const params = { q: word, theme: "", kind: undefined, min: 0, page: 1 };

    const byWord = await searchFacts(db, VISITOR, params);
    expect(byWord.hits.map((h) => h.id).sort()).toEqual([id, otherId].sort());
    const hit = byWord.hits.find((h) => h.id === id)!;
    expect(hit.headline).toContain(`<mark>${word}</mark>`);
    expect(hit.headline).toContain("&lt;b&gt;apprenticeships&lt;/b&gt; &amp; training");
    expect(hit.headline).not.toContain("<b>");

    const misspelt = word.slice(0, 4) + word.slice(5); // one letter dropped
    const typo = await searchFacts(db, VISITOR, { ...params, q: misspelt });
    expect(typo.hits.map((h) => h.id).sort()).toEqual([id, otherId].sort());
    expect(typo.mode).toBe("similar");
    expect(typo.correctedQuery).toBe(word);
    expect(typo.hits[0]!.headline).toContain("<mark>");

    expect((await searchFacts(db, VISITOR, { ...params, theme: theme.slug })).hits.map((h) => h.id)).toEqual([id]);
    expect((await searchFacts(db, VISITOR, { ...params, kind: "advocacy_group" })).hits.map((h) => h.id)).toEqual([otherId]);
    const minimum = (await getFactDetail(db, VISITOR, id)).hardness.score;
    expect((await searchFacts(db, VISITOR, { ...params, min: minimum })).hits.map((h) => h.id)).toEqual([id]);
    // A word nobody uses and nothing resembles finds nothing, and says so.
    expect((await searchFacts(db, VISITOR, { ...params, q: "qqxjvkzzq" })).hits).toEqual([]);
    expect((await searchFacts(db, VISITOR, { ...params, q: "apprenticeships", theme: theme.slug })).hits.map((h) => h.id)).toEqual([id]);
  });

  it("corrects a misspelt word towards the word most facts use, and keeps the counts as facts are amended", async () => {
    const theme = await createTestTheme(db);
    const editor = await actorFor({ roles: ["fact_editor"] });
    const member = await actorFor();
    // Two words one edit from the typo "<stem>nts" (an "a" or an "e" dropped): "<stem>ents" is used
    // by three facts, "<stem>ants" by one, so the typo means "<stem>ents".
    const stem = `zyq${Array.from({ length: 7 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("")}`;
    const [rare, common, typo] = [`${stem}ants`, `${stem}ents`, `${stem}nts`];
    const propose = async (word: string) => {
      const { id } = await proposeFact(db, member, factInput({ themeIds: [theme.id], statement: `Council ${word} rose by a tenth in a year.` }));
      await acceptFact(db, editor, id, null);
      return id;
    };
    const rareFact = await propose(rare);
    const commonFacts = [await propose(common), await propose(common), await propose(common)];
    const counts = async () => new Map((await db.select().from(factWords).where(inArray(factWords.word, [rare, common]))).map((w) => [w.word, w.facts]));
    expect(await counts()).toEqual(new Map([[rare, 1], [common, 3]]));
    const params = { q: typo, theme: "", kind: undefined, min: 0, page: 1 };
    const corrected = await searchFacts(db, VISITOR, params);
    expect(corrected.correctedQuery).toBe(common);
    expect(corrected.hits.map((h) => h.id).sort()).toEqual([...commonFacts].sort());

    // Two of the three are amended to use the rarer word: now it is the one most facts use.
    for (const id of commonFacts.slice(0, 2)) await amendFact(db, editor, id, factInput({ themeIds: [theme.id], statement: `Council ${rare} rose by a tenth in a year.` }), "Name corrected.");
    expect(await counts()).toEqual(new Map([[rare, 3], [common, 1]]));
    expect((await searchFacts(db, VISITOR, params)).correctedQuery).toBe(rare);
    // A rolled-back edit leaves the counts alone; a word no fact uses any more is not offered.
    const invalid = factInput({ themeIds: ["00000000-0000-4000-8000-000000000000"], statement: `Council ${common} again.` });
    await expect(amendFact(db, editor, rareFact, invalid, "Bad theme")).rejects.toThrow();
    expect(await counts()).toEqual(new Map([[rare, 3], [common, 1]]));
    await amendFact(db, editor, commonFacts[2]!, factInput({ themeIds: [theme.id], statement: "Council budgets rose by a tenth in a year." }), "Reworded.");
    expect(await counts()).toEqual(new Map([[rare, 3], [common, 0]]));
    expect((await searchFacts(db, VISITOR, { ...params, q: `${stem}ennts` })).correctedQuery).toBe(rare);
  });

  it("never shows proposals or rejected facts; shows retracted ones flagged", async () => {
    const word = `quillwort${Date.now().toString(36).replace(/\d/g, "")}`;
    const proposed = await createTestFact(db, { status: "proposed", statement: `Proposed ${word} fact about council tax.` });
    const rejected = await createTestFact(db, { status: "rejected", statement: `Rejected ${word} fact about council tax.` });
    const retracted = await createTestFact(db, { status: "retracted", statement: `Retracted ${word} fact about council tax.` });
    const result = await searchFacts(db, VISITOR, { q: word, theme: "", kind: undefined, min: 0, page: 1 });
    const ids = result.hits.map((h) => h.id);
    expect(ids).toContain(retracted.id);
    expect(ids).not.toContain(proposed.id);
    expect(ids).not.toContain(rejected.id);
    expect(result.hits.find((h) => h.id === retracted.id)!.flag).toBe("retracted");
  });
});

describe("citations", () => {
  it("records facts cited by short syntax and Tiptap nodes, lists them on the fact page, and flags chips live", async () => {
    const fact = await createTestFact(db);
    const paper = await createTestPaper(db);
    const comment = await createTestComment(db, { paperId: paper.id, body: `See [[fact:${fact.id.slice(0, 8)}]]` });
    await recordCitations(db, { type: "comment", id: comment.id }, { text: comment.body });
    await recordCitations(db, { type: "paper", id: paper.id }, { doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "factChip", attrs: { factId: fact.id } }] }] } });
    // Unknown facts are ignored; recording again replaces.
    await recordCitations(db, { type: "comment", id: comment.id }, { text: `See [[fact:${fact.id}]] and [[fact:00000000-0000-4000-8000-000000000000]]` });
    const rows = await db.select().from(factCitations).where(eq(factCitations.factId, fact.id));
    expect(rows.map((r) => r.sourceType).sort()).toEqual(["comment", "paper"]);
    const detail = await getFactDetail(db, VISITOR, fact.id);
    expect(detail.citations).toHaveLength(2);
    expect(detail.citations).toEqual(
      expect.arrayContaining([
        { type: "comment", label: `A comment on “${paper.title}”`, href: `/papers/${paper.id}/c/${comment.id}` },
        { type: "paper", label: `Paper: ${paper.title}`, href: `/papers/${paper.id}` },
      ]),
    );

    const html = `<p>See [[fact:${fact.id}]]</p>`;
    expect(await renderFactChipsInHtml(db, html)).not.toContain("Disputed");
    await disputeFact(db, await actorFor(), fact.id, { reason: "Counted differently elsewhere.", counterSourceUrl: null, counterSourceTitle: null });
    const flagged = await renderFactChipsInHtml(db, html);
    expect(flagged).toContain('data-flag="disputed"');
    expect(flagged).toMatch(/Disputed/);
    await retractFact(db, await actorFor({ roles: ["fact_editor"] }), fact.id, "Withdrawn.");
    const chips = await loadFactChips(db, [fact.id]);
    expect(chips.get(fact.id)).toMatchObject({ status: "retracted", hardness: 0 });
    expect(await renderFactChipsInHtml(db, html)).toContain("Retracted");
    expect(await renderFactChipsInHtml(db, "[[fact:00000000]]")).toContain("fact not found");
  });
});
