/**
 * Citing facts where people write: a comment with the short syntax and a paper with a fact chip.
 * The chip is drawn when shown, so a dispute or a retraction flags it in both places, and the
 * fact page lists where it is cited.
 */
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor, type SignedInActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { postComment } from "@/lib/discussion/commands";
import { getThread } from "@/lib/discussion/queries";
import { disputeFact, retractFact } from "@/lib/facts/commands";
import { getFactDetail } from "@/lib/facts/queries";
import { createTestFact } from "@/lib/facts/test-factory";
import { reviewPaper, saveDraft, submitPaper } from "@/lib/papers/commands";
import { getPaperForReading } from "@/lib/papers/queries";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";

const db = getDb();
afterAll(() => closeDb());

const signedIn = async (spec: Parameters<typeof createPerson>[1] = {}) => (await loadActor(db, (await createPerson(db, spec)).id)) as SignedInActor;
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("citing a fact", () => {
  it("shows a chip in a comment and in a paper, flags it when disputed and retracted, and lists where it is cited", async () => {
    const statement = `Test statement about bus routes ${Date.now()}`;
    const fact = await createTestFact(db, { statement });
    const [author, commenter, disputer, council, editor] = await Promise.all([
      signedIn(),
      signedIn(),
      signedIn(),
      signedIn({ roles: ["council"] }),
      signedIn({ roles: ["fact_editor"] }),
    ]);

    // A paper citing the fact, accepted by the council.
    const theme = await createTestTheme(db);
    const content = {
      type: "doc" as const,
      content: [{ type: "paragraph", content: [{ type: "text", text: `${words(40)} as the fact base says ` }, { type: "factChip", attrs: { factId: fact.id } }] }],
    };
    const { id: paperId } = await saveDraft(db, author, { themeSlug: theme.slug, title: "Buses for every village", summary: "", content });
    await submitPaper(db, author, paperId);
    await reviewPaper(db, council, { paperId, decision: "accept", reason: "" });

    // A comment citing it with the short syntax (the first eight hex digits are enough).
    const other = await createTestPaper(db);
    const { id: commentId } = await postComment(db, commenter, { paperId: other.id, parentId: null, body: `See [[fact:${fact.id.slice(0, 8)}]] before arguing.`, quote: null });

    const commentHtml = async () => (await getThread(db, VISITOR, other.id)).roots.find((c) => c.id === commentId)!.bodyHtml!;
    const paperHtml = async () => {
      const reading = await getPaperForReading(db, VISITOR, paperId);
      if (reading.kind !== "version") throw new Error("expected the paper");
      return reading.html;
    };

    for (const html of [await commentHtml(), await paperHtml()]) {
      expect(html).toContain(statement);
      expect(html).not.toContain("[[fact:");
      expect(html).not.toMatch(/Disputed|Retracted/);
    }

    const detail = await getFactDetail(db, VISITOR, fact.id);
    expect(detail.citations.map((c) => c.type).sort()).toEqual(["comment", "paper"]);

    await disputeFact(db, disputer, fact.id, { reason: "The figure is from 2019 and routes were cut since.", counterSourceUrl: null, counterSourceTitle: null });
    expect(await commentHtml()).toContain("Disputed");
    expect(await paperHtml()).toContain("Disputed");

    await retractFact(db, editor, fact.id, "The source was withdrawn by its publisher.");
    expect(await commentHtml()).toContain("Retracted");
    expect(await paperHtml()).toContain("Retracted");
  });
});
