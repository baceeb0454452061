/** Builders for governance tests: elections and decisions straight into the database, in the state a test needs. */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { decisionOptions, decisions, electionNominations, elections } from "@/db/schema";
import { createPerson, uniqueSuffix } from "@/lib/testing/factories";
import { sha256 } from "./elections";

const HOUR = 3_600_000;

/** An election in the given phase, with `candidates` accepted nominations (verified members). */
export async function createTestElection(db: Db, opts: { phase?: "nominating" | "voting" | "counting"; seats?: number; candidates?: number } = {}) {
  const now = Date.now();
  const phase = opts.phase ?? "nominating";
  const nominationsCloseAt = new Date(now + (phase === "nominating" ? 24 : phase === "voting" ? -1 : -48) * HOUR);
  const votingClosesAt = new Date(now + (phase === "counting" ? -1 : 48) * HOUR);
  const seed = randomBytes(16).toString("hex");
  const [e] = await db
    .insert(elections)
    .values({ title: `Election ${uniqueSuffix()}`, seats: opts.seats ?? 2, nominationsCloseAt, votingClosesAt, termEndsAt: new Date(now + 365 * 24 * HOUR), seed, seedHash: sha256(seed) })
    .returning();
  const candidates: { nominationId: string; userId: string; name: string }[] = [];
  for (let i = 0; i < (opts.candidates ?? 0); i++) {
    const p = await createPerson(db, { name: `Candidate ${String.fromCharCode(65 + i)} ${uniqueSuffix()}` });
    const [n] = await db.insert(electionNominations).values({ electionId: e!.id, nomineeId: p.id, nominatedBy: p.id, statement: "I will moderate fairly.", status: "accepted" }).returning();
    candidates.push({ nominationId: n!.id, userId: p.id, name: p.displayName });
  }
  return { election: e!, candidates };
}

export async function createTestDecision(
  db: Db,
  opts: { kind?: "consent" | "approval" | "ranked" | "score"; electorate?: "members" | "theme" | "council"; themeId?: string | null; status?: "seeking_seconds" | "open" | "closed"; closesAt?: Date; openedBy?: string | null; options?: string[]; secondsRequired?: number } = {},
) {
  const seed = randomBytes(16).toString("hex");
  const [d] = await db
    .insert(decisions)
    .values({
      question: `Decision ${uniqueSuffix()}?`,
      kind: opts.kind ?? "consent",
      electorate: opts.electorate ?? "members",
      themeId: opts.themeId ?? null,
      anonymous: false,
      status: opts.status ?? "open",
      secondsRequired: opts.secondsRequired ?? 0,
      closesAt: opts.closesAt ?? new Date(Date.now() + 24 * HOUR),
      openedBy: opts.openedBy ?? null,
      openedAs: "council",
      seed,
      seedHash: sha256(seed),
    })
    .returning();
  const labels = opts.kind && opts.kind !== "consent" ? (opts.options ?? ["Option one", "Option two", "Option three"]) : [];
  const options = labels.length ? await db.insert(decisionOptions).values(labels.map((label, position) => ({ decisionId: d!.id, label, position }))).returning() : [];
  return { decision: d!, options };
}
