/** Builders for tests and e2e fixtures: facts straight into the database, each unique. */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { disputes, factReviews, facts } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createPerson, createTestTheme } from "@/lib/testing/factories";
import type { FactInput } from "@/lib/validation/facts";
import { writeFactVersionForTests } from "./commands";
import { recomputeHardness } from "./score";

export function factInput(over: Partial<FactInput> & { themeIds: string[] }): FactInput {
  return {
    statement: `Test statement ${randomUUID().slice(0, 8)} about hospital waiting lists in England.`,
    figureValue: "7.6",
    figureUnit: "million",
    asOf: "2025-03-31",
    period: null,
    place: "England",
    timeSensitive: true,
    sources: [{ url: "https://www.england.nhs.uk/statistics/rtt", title: "Referral to treatment waiting times", publisher: "NHS England", publishedOn: "2025-04-10", kind: "official_statistics" }],
    ...over,
  };
}

export async function createTestFact(
  db: Db,
  opts: { status?: "proposed" | "accepted" | "rejected" | "retracted"; proposedBy?: string | null; themeId?: string; statement?: string; openDisputeBy?: string } = {},
) {
  const themeId = opts.themeId ?? (await createTestTheme(db)).id;
  const proposedBy = opts.proposedBy === undefined ? (await createPerson(db)).id : opts.proposedBy;
  const input = factInput({ themeIds: [themeId], ...(opts.statement ? { statement: opts.statement } : {}) });
  const [fact] = await db.insert(facts).values({ statement: input.statement, proposedBy, status: opts.status ?? "accepted", decidedAt: new Date() }).returning({ id: facts.id });
  await writeFactVersionForTests(db, fact!.id, input, proposedBy);
  if (opts.openDisputeBy) {
    const [d] = await db.insert(disputes).values({ factId: fact!.id, factVersion: 1, openedBy: opts.openDisputeBy, reason: "Disputed for a test." }).returning({ id: disputes.id });
    await db.insert(factReviews).values({ factId: fact!.id, reviewerId: opts.openDisputeBy, stance: "dispute", disputeId: d!.id, factVersion: 1 });
  }
  await recomputeHardness(db, fact!.id);
  const [row] = await db.select({ id: facts.id, statement: facts.statement, hardness: facts.hardness }).from(facts).where(eq(facts.id, fact!.id));
  return { ...row!, themeId, proposedBy };
}

export async function createTestDispute(db: Db, opts: { factId?: string; openedBy?: string } = {}) {
  const openedBy = opts.openedBy ?? (await createPerson(db)).id;
  const factId = opts.factId ?? (await createTestFact(db)).id;
  const [d] = await db.insert(disputes).values({ factId, factVersion: 1, openedBy, reason: "Disputed for a test." }).returning({ id: disputes.id });
  return { id: d!.id, factId, openedBy };
}
