import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { membershipRoll, rollImports, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { lockMember } from "@/lib/members/commands";
import { notFound } from "@/lib/errors";
import { emailHash, rollHashes } from "./keyed-hash";
import { parseRollCsv, type RejectedRow } from "./roll-csv";

export interface RollImportReport {
  ok: boolean;
  error?: string;
  accepted: number;
  rejected: RejectedRow[];
  totalRows: number;
}

const BATCH = 1000;

/** Imports (or refreshes) the membership roll from CSV. Only keyed hashes are stored. */
export async function importRoll(db: Db, actor: Actor, file: { filename: string; text: string }): Promise<RollImportReport> {
  assertCan(actor, "roll.import", null);
  const parsed = parseRollCsv(file.text);
  if (parsed.error) return { ok: false, error: parsed.error, accepted: 0, rejected: [], totalRows: 0 };
  const totalRows = parsed.rows.length + parsed.rejected.length;
  await db.transaction(async (tx) => {
    const [imp] = await tx
      .insert(rollImports)
      .values({ actorId: actor.id, filename: file.filename, accepted: parsed.rows.length, rejected: parsed.rejected.length })
      .returning({ id: rollImports.id });
    for (let i = 0; i < parsed.rows.length; i += BATCH) {
      const values = parsed.rows.slice(i, i + BATCH).map((r) => ({ ...rollHashes(r), importId: imp!.id }));
      await tx
        .insert(membershipRoll)
        .values(values)
        .onConflictDoUpdate({
          target: membershipRoll.numberHash,
          set: {
            postcodeHash: sql`excluded.postcode_hash`,
            emailHash: sql`excluded.email_hash`,
            importId: sql`excluded.import_id`,
          },
        });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "roll.import",
      targetType: "roll",
      targetId: imp!.id,
      details: { filename: file.filename, accepted: parsed.rows.length, rejected: parsed.rejected.length },
    });
  });
  return { ok: true, accepted: parsed.rows.length, rejected: parsed.rejected, totalRows };
}

export type RollMatch = { matched: true } | { matched: false; note: string };

/**
 * Tries to match a person against the roll and, on a match, marks them a verified member.
 * With a member number the postcode must match that entry; without, the account e-mail must be on the roll.
 */
export async function matchRoll(
  tx: Tx,
  userId: string,
  claim: { memberNumber?: string; postcode?: string; email: string },
): Promise<RollMatch> {
  let entry: { id: string; postcodeHash: string | null; claimedBy: string | null } | undefined;
  if (claim.memberNumber) {
    const hashes = rollHashes({ memberNumber: claim.memberNumber, postcode: claim.postcode ?? null });
    [entry] = await tx
      .select({ id: membershipRoll.id, postcodeHash: membershipRoll.postcodeHash, claimedBy: membershipRoll.claimedBy })
      .from(membershipRoll)
      .where(eq(membershipRoll.numberHash, hashes.numberHash))
      .for("update");
    // Same sentence for an unknown number and a wrong postcode, so the form cannot be used to probe the roll.
    if (!entry || !hashes.postcodeHash || entry.postcodeHash !== hashes.postcodeHash) {
      return { matched: false, note: "We could not match that member number and postcode with the membership roll." };
    }
  } else {
    [entry] = await tx
      .select({ id: membershipRoll.id, postcodeHash: membershipRoll.postcodeHash, claimedBy: membershipRoll.claimedBy })
      .from(membershipRoll)
      .where(eq(membershipRoll.emailHash, emailHash(claim.email)))
      .for("update");
    if (!entry) {
      return { matched: false, note: "Your e-mail address is not on the membership roll, and you gave no member number." };
    }
  }
  if (entry.claimedBy && entry.claimedBy !== userId) {
    return { matched: false, note: "That membership is already linked to another account. Ask an admin to check it." };
  }
  await tx.update(membershipRoll).set({ claimedBy: userId, claimedAt: new Date() }).where(eq(membershipRoll.id, entry.id));
  await tx
    .update(users)
    .set({ verifiedAt: new Date(), verifiedBy: "roll", verificationNote: null, updatedAt: new Date() })
    .where(eq(users.id, userId));
  return { matched: true };
}

/** A registered person verifies later from their settings. */
export async function claimMembership(db: Db, actor: Actor, input: { memberNumber: string; postcode: string }): Promise<RollMatch> {
  assertCan(actor, "membership.claim", { userId: actor.id ?? "" });
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.id!));
    if (!user) throw notFound("member");
    const result = await matchRoll(tx, actor.id!, { ...input, email: user.email });
    if (!result.matched) await tx.update(users).set({ verificationNote: result.note }).where(eq(users.id, actor.id!));
    return result;
  });
}

/** An admin verifies a person by hand, for example after checking a membership card. */
export async function verifyByHand(db: Db, actor: Actor, target: { userId: string; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await lockMember(tx, target.userId);
    assertCan(actor, "member.verify", user);
    if (user.verifiedAt) return;
    await tx
      .update(users)
      .set({ verifiedAt: new Date(), verifiedBy: "admin", verificationNote: null, updatedAt: new Date() })
      .where(and(eq(users.id, user.id), isNull(users.verifiedAt)));
    await recordAudit(tx, { actorId: actor.id, action: "member.verify", targetType: "member", targetId: user.id, reason: target.reason });
  });
}
