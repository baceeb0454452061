import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { disputes, facts } from "@/db/schema";
import type { DisputeResource, FactResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The fact as the permission rules see it, read fresh (and locked with `forUpdate` inside a command). */
export async function loadFactResource(db: Tx, factId: string, opts: { forUpdate?: boolean } = {}): Promise<FactResource> {
  if (!isUuid(factId)) throw notFound("fact", "That fact could not be found.");
  const q = db.select({ id: facts.id, status: facts.status, proposedBy: facts.proposedBy }).from(facts).where(eq(facts.id, factId));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound("fact", "That fact could not be found.");
  return row;
}

export async function loadDisputeResource(db: Tx, disputeId: string, opts: { forUpdate?: boolean } = {}): Promise<DisputeResource> {
  if (!isUuid(disputeId)) throw notFound("dispute", "That dispute could not be found.");
  const q = db
    .select({ id: disputes.id, status: disputes.status, openedBy: disputes.openedBy, factId: facts.id, factStatus: facts.status, proposedBy: facts.proposedBy })
    .from(disputes)
    .innerJoin(facts, eq(facts.id, disputes.factId))
    .where(eq(disputes.id, disputeId));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound("dispute", "That dispute could not be found.");
  return { id: row.id, status: row.status, openedBy: row.openedBy, fact: { id: row.factId, status: row.factStatus, proposedBy: row.proposedBy } };
}
