import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { disputes, factReviews, factSources, facts } from "@/db/schema";
import { AGING_ENDS_YEARS, computeHardness, FRESH_YEARS, type Hardness, type ReviewerRecord } from "./hardness";

/**
 * Each reviewer's track record: of their reviews on facts where a dispute was later settled,
 * how many agreed with the settlement (a confirmation agrees with "upheld", a dispute with
 * "amended" or "retracted").
 */
export async function reviewerRecords(db: Tx, reviewerIds: string[]): Promise<Map<string, ReviewerRecord>> {
  const out = new Map<string, ReviewerRecord>();
  if (reviewerIds.length === 0) return out;
  const rows = await db
    .select({
      reviewerId: factReviews.reviewerId,
      total: sql<number>`count(*)::int`,
      agree: sql<number>`(count(*) filter (where (${factReviews.stance} = 'confirm' and ${disputes.status} = 'upheld') or (${factReviews.stance} = 'dispute' and ${disputes.status} in ('amended', 'retracted'))))::int`,
    })
    .from(factReviews)
    .innerJoin(disputes, and(eq(disputes.factId, factReviews.factId), sql`${disputes.status} <> 'open'`, sql`${disputes.resolvedAt} >= ${factReviews.createdAt}`))
    .where(inArray(factReviews.reviewerId, reviewerIds))
    .groupBy(factReviews.reviewerId);
  for (const r of rows) out.set(r.reviewerId, { agree: r.agree, total: r.total });
  return out;
}

/** Gathers what the hardness formula needs about one fact from the database and computes it. */
export async function hardnessOf(db: Tx, factId: string, now = new Date()): Promise<Hardness> {
  const [fact] = await db
    .select({ status: facts.status, timeSensitive: facts.timeSensitive, asOf: facts.asOf, currentVersion: facts.currentVersion })
    .from(facts)
    .where(eq(facts.id, factId));
  if (!fact) return { score: 0, terms: [] };
  // One after another: commands call this inside a transaction, whose single connection cannot run queries side by side.
  const sources = await db.select({ kind: factSources.kind, publisher: factSources.publisher, url: factSources.url }).from(factSources).where(eq(factSources.factId, factId));
  const reviews = await db
    .select({ reviewerId: factReviews.reviewerId, stance: factReviews.stance, factVersion: factReviews.factVersion })
    .from(factReviews)
    .where(eq(factReviews.factId, factId));
  const disputeRows = await db.select({ openedBy: disputes.openedBy, status: disputes.status }).from(disputes).where(eq(disputes.factId, factId));
  // Confirmations count for the version they confirmed; an amendment asks members to look again.
  const confirmers = reviews.filter((r) => r.stance === "confirm" && r.factVersion === fact.currentVersion).map((r) => r.reviewerId);
  const open = disputeRows.filter((d) => d.status === "open");
  const records = await reviewerRecords(db, [...new Set([...confirmers, ...open.map((d) => d.openedBy).filter((x): x is string => !!x)])]);
  const record = (id: string | null) => (id && records.get(id)) || { agree: 0, total: 0 };
  return computeHardness({
    status: fact.status,
    sources,
    confirmations: confirmers.map(record),
    openDisputes: open.map((d) => record(d.openedBy)),
    upheldDisputes: disputeRows.filter((d) => d.status === "upheld").length,
    timeSensitive: fact.timeSensitive,
    asOf: fact.asOf,
    now,
  });
}

/** Stores the score on the fact row; commands call it inside their transaction after every change. */
export async function recomputeHardness(db: Tx, factId: string): Promise<number> {
  const { score } = await hardnessOf(db, factId);
  await db.update(facts).set({ hardness: score }).where(eq(facts.id, factId));
  return score;
}

/**
 * A settled dispute changes the track record of everyone who reviewed that fact, and so the weight
 * of their reviews elsewhere: recompute the stored score of every fact they reviewed.
 */
export async function recomputeForReviewersOf(db: Tx, factId: string): Promise<number> {
  const rows = await db
    .selectDistinct({ factId: factReviews.factId })
    .from(factReviews)
    .where(inArray(factReviews.reviewerId, db.select({ id: factReviews.reviewerId }).from(factReviews).where(eq(factReviews.factId, factId))));
  for (const r of rows) await recomputeHardness(db, r.factId);
  return rows.length;
}

/**
 * Time-sensitive figures lose hardness as they age, but nothing writes to them as they do: the
 * daily `facts.rescore` job stores the score of every figure in its ageing years (older than
 * FRESH_YEARS, younger than AGING_ENDS_YEARS, a day's margin each side), each in its own short
 * transaction. Returns how many stored scores changed.
 */
export async function rescoreAgingFacts(db: Db, now = new Date()): Promise<number> {
  const day = 24 * 3600 * 1000;
  const year = 365.25 * day;
  const youngest = new Date(now.getTime() - FRESH_YEARS * year + day).toISOString().slice(0, 10);
  const oldest = new Date(now.getTime() - AGING_ENDS_YEARS * year - day).toISOString().slice(0, 10);
  const rows = await db
    .select({ id: facts.id, hardness: facts.hardness })
    .from(facts)
    .where(and(eq(facts.timeSensitive, true), inArray(facts.status, ["proposed", "accepted"]), sql`${facts.asOf} <= ${youngest}`, sql`${facts.asOf} >= ${oldest}`));
  let changed = 0;
  for (const row of rows) {
    const updated = await db.transaction(async (tx) => {
      const { score } = await hardnessOf(tx, row.id, now);
      if (score === row.hardness) return false;
      await tx.update(facts).set({ hardness: score }).where(eq(facts.id, row.id));
      return true;
    });
    if (updated) changed++;
  }
  return changed;
}
