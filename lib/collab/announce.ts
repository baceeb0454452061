/**
 * What the web app tells the collaboration sidecars, inside the transaction of the change that
 * causes it: PostgreSQL delivers a NOTIFY only when (and if) that transaction commits, to every
 * sidecar listening, with or without Redis. Plain TypeScript (no Next.js), shared with the sidecar.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/** Channel of rights changes: the sidecars recheck the sockets concerned at once (within a second). */
export const REVOCATION_CHANNEL = "commonplace_collab_revocation";
/** Channel of documents changed by the web app itself (a restored revision, a quote added). */
export const DOCUMENT_CHANNEL = "commonplace_collab_document";

export type RevocationNotice = { userId: string } | { themeId: string };

/**
 * Call in the transaction that suspends a member, takes a role away or changes a theme's rights:
 * every open co-editing socket of that member (or on that theme's documents) is checked again and
 * closed or made read-only if it lost its rights.
 */
export async function announceRevocation(tx: Tx, target: RevocationNotice): Promise<void> {
  const payload = "userId" in target ? { id: randomUUID(), userId: target.userId } : { id: randomUUID(), themeId: target.themeId };
  await tx.execute(sql`select pg_notify(${REVOCATION_CHANNEL}, ${JSON.stringify(payload)})`);
}

/** Call in the transaction that appended a row to collab_updates: sidecars holding the document apply it. */
export async function announceDocumentChange(tx: Tx, doc: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${DOCUMENT_CHANNEL}, ${JSON.stringify({ doc })})`);
}

export function parseRevocationNotice(payload: string): (RevocationNotice & { id: string }) | null {
  try {
    const v = JSON.parse(payload) as { id?: unknown; userId?: unknown; themeId?: unknown };
    if (typeof v.id !== "string") return null;
    if (typeof v.userId === "string") return { id: v.id, userId: v.userId };
    if (typeof v.themeId === "string") return { id: v.id, themeId: v.themeId };
    return null;
  } catch {
    return null;
  }
}
