/**
 * The baseline of bench/map-db.ts: recomputeMap as it was before 2026-12-01. Votes came as one
 * text of "user statement value" lines parsed into an object per vote, the matrix was built from
 * those with a Map per participant, and the PCA was the cold block power iteration
 * (map-block-power.ts). Loading the previous map, the statistics after the PCA and the store are
 * today's (they did not change), so the ratio is that of what did.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { statements, statementVotes } from "@/db/schema";
import { computeMap } from "@/lib/map/compute";
import { loadPrevious, lockThemeMap, storeMapVersion, type RecomputeResult } from "@/lib/map/recompute";
import type { MapVote, VoteValue } from "@/lib/map/types";
import { projectVotesBlockPower } from "./map-block-power";

async function loadThemeVotesV1(db: Db, themeId: string): Promise<{ votes: MapVote[]; statementIds: string[] }> {
  const visible = await db
    .select({ id: statements.id })
    .from(statements)
    .where(and(eq(statements.themeId, themeId), isNull(statements.hiddenAt)))
    .orderBy(statements.createdAt, statements.id);
  const result = await db.execute<{ t: string | null }>(
    sql`select string_agg(user_id::text || ' ' || statement_id::text || ' ' || value::text, E'\n') t from ${statementVotes} where theme_id = ${themeId}`,
  );
  const text = result.rows[0]?.t ?? "";
  const votes: MapVote[] = [];
  if (text) {
    for (const line of text.split("\n")) votes.push({ participant: line.slice(0, 36), statement: line.slice(37, 73), value: Number(line.slice(74)) as VoteValue });
  }
  return { votes, statementIds: visible.map((s) => s.id) };
}

export async function recomputeMapV1(db: Tx, themeId: string, now: () => number = () => performance.now()): Promise<RecomputeResult> {
  const started = now();
  return db.transaction(async (tx) => {
    await lockThemeMap(tx, themeId);
    let mark = now();
    const { votes, statementIds } = await loadThemeVotesV1(tx as unknown as Db, themeId);
    const loadVotes = now() - mark;
    mark = now();
    const { version, previous } = await loadPrevious(tx as unknown as Db, themeId);
    const loadPreviousMs = now() - mark;
    const map = computeMap(votes, { statements: statementIds, previous, now, project: projectVotesBlockPower });
    return storeMapVersion(tx, themeId, version + 1, map, { voteCount: votes.length, statementCount: statementIds.length }, { loadVotes, loadPrevious: loadPreviousMs }, started, now);
  });
}
