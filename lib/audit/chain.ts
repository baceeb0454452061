/**
 * Checks the moderation log's hash chain. Each entry's hash is the sha256 (hex) of its canonical
 * text, and that text includes the hash of the entry before, so changing or deleting any past
 * entry breaks every link after it. The canonical text of an entry is PostgreSQL's jsonb rendering
 * (keys and spacing fixed by jsonb itself) of the array
 *   [chain_seq, prev_hash, actor_digest, action, target_type, target_id, reason, details, created_at]
 * where actor_digest is the hex sha256 of the actor's uuid (or null), details the entry's jsonb,
 * and created_at the UTC time as "YYYY-MM-DDTHH:MM:SS.ffffffZ". The first entry's prev_hash is 64
 * zeros. The trigger that links entries is in migration 0012 (`audit_log_link`); `audit_chain_head`
 * holds the newest link, so removing entries from the end is detected too.
 *
 * What this cannot show: someone who controls the database can rewrite the whole chain and its
 * head consistently. Against that, anyone can note the head (shown on /moderation-log/verify) and
 * compare it later; a rewritten past shows as a different hash at the same number.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

export const GENESIS_HASH = "0".repeat(64);
const BATCH = 5000;

export interface ChainProblem {
  seq: number | null;
  id: number;
  problem: string;
}
export interface ChainReport {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  problems: ChainProblem[];
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

export async function verifyAuditChain(db: Tx, opts: { maxProblems?: number } = {}): Promise<ChainReport> {
  const maxProblems = opts.maxProblems ?? 20;
  const problems: ChainProblem[] = [];
  const note = (p: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  const unlinked = await db.execute<{ id: string }>(sql`select id from audit_log where chain_seq is null order by id limit ${maxProblems}`);
  for (const r of unlinked.rows) note({ seq: null, id: Number(r.id), problem: "This entry is not in the chain (written while the chain trigger was off)." });

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let after = 0;
  for (;;) {
    const batch = await db.execute<{ id: string; seq: string; prev_hash: string | null; hash: string | null; actor_id: string | null; actor_digest: string | null; canonical: string }>(sql`
      select id, chain_seq as seq, prev_hash, hash, actor_id, actor_digest,
        audit_log_canonical(chain_seq, prev_hash, actor_digest, action, target_type, target_id, reason, details, created_at) as canonical
      from audit_log where chain_seq > ${after} order by chain_seq limit ${BATCH}`);
    for (const r of batch.rows) {
      const seq = Number(r.seq);
      const id = Number(r.id);
      entries++;
      if (seq !== expectedSeq) note({ seq, id, problem: seq > expectedSeq ? `Entries ${expectedSeq} to ${seq - 1} are missing.` : `Entry number ${seq} appears twice.` });
      if (r.prev_hash !== prevHash) note({ seq, id, problem: "It does not carry the hash of the entry before it." });
      if (r.hash !== sha256(r.canonical)) note({ seq, id, problem: "Its content does not match its hash: it was changed after it was written." });
      if (r.actor_id !== null && r.actor_digest !== sha256(r.actor_id)) note({ seq, id, problem: "Its actor was changed after it was written." });
      prevHash = r.hash ?? "";
      expectedSeq = seq + 1;
      after = seq;
    }
    if (batch.rows.length < BATCH) break;
  }
  const head = await db.execute<{ seq: string; hash: string }>(sql`select seq, hash from audit_chain_head where id = 1`);
  const h = head.rows[0] ? { seq: Number(head.rows[0].seq), hash: head.rows[0].hash } : null;
  if (!h) {
    if (entries > 0) note({ seq: null, id: 0, problem: "The chain's head record is missing." });
  }
  else if (h.seq !== expectedSeq - 1 || (h.seq > 0 && h.hash !== prevHash)) {
    note({ seq: h.seq, id: 0, problem: `The chain's head says entry ${h.seq} is the newest, but the log ends at ${expectedSeq - 1}: entries were removed from the end, or the head was changed.` });
  }
  return { ok: problems.length === 0, entries, head: h, problems };
}
