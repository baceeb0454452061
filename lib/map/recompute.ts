/**
 * Recomputing a theme's agreement map: read the votes, compute (compute.ts, pure), store a new
 * version aligned to the last. Run by the job queue after votes, never inside a request.
 */
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { mapPoints, mapVersions, statements, statementVotes } from "@/db/schema";
import { computeMap } from "./compute";
import type { Consensus, MapGroup, MapResult, MapVote, Point, PreviousMap, Repness, StatementStats, VoteValue } from "./types";

/** Points are kept for this many recent versions (the version rows, with groups and counts, are all kept). */
export const KEEP_POINTS_OF_VERSIONS = 20;

/** What map_versions.data holds. */
export interface MapData {
  groups: { key: string; name: string; colour: string; size: number; centre: Point }[];
  statements: StatementStats[];
  repness: Repness[];
  consensus: Consensus[];
  axes: { statement: string; x: number; y: number }[];
  baseCentres: Point[];
  explained: [number, number];
  rotation: MapResult["rotation"];
  flagged: number;
}

export interface RecomputeResult {
  version: number;
  participants: number;
  groups: number;
  timings: Record<string, number>;
}

/** Reads a theme's votes on its visible statements as the statistics want them. */
export async function loadThemeVotes(db: Db, themeId: string): Promise<{ votes: MapVote[]; statementIds: string[] }> {
  const visible = await db
    .select({ id: statements.id })
    .from(statements)
    .where(and(eq(statements.themeId, themeId), isNull(statements.hiddenAt)))
    .orderBy(statements.createdAt, statements.id);
  // One text of "user statement value" lines parses far faster than a row object (or array element) per vote.
  const result = await db.execute<{ t: string | null }>(
    sql`select string_agg(user_id::text || ' ' || statement_id::text || ' ' || value::text, E'\n') t from ${statementVotes} where theme_id = ${themeId}`,
  );
  const text = result.rows[0]?.t ?? "";
  const votes: MapVote[] = [];
  if (text) {
    for (const line of text.split("\n")) {
      // uuid (36) + space + uuid (36) + space + value
      votes.push({ participant: line.slice(0, 36), statement: line.slice(37, 73), value: Number(line.slice(74)) as VoteValue });
    }
  }
  return { votes, statementIds: visible.map((s) => s.id) };
}

async function loadPrevious(db: Db, themeId: string): Promise<{ version: number; previous: PreviousMap | null }> {
  const [last] = await db.select({ id: mapVersions.id, version: mapVersions.version, data: mapVersions.data }).from(mapVersions).where(eq(mapVersions.themeId, themeId)).orderBy(desc(mapVersions.version)).limit(1);
  if (!last) return { version: 0, previous: null };
  const data = last.data as MapData;
  const points = await db.select({ user: mapPoints.userId, x: mapPoints.x, y: mapPoints.y, group: mapPoints.groupKey }).from(mapPoints).where(eq(mapPoints.mapVersionId, last.id));
  const members = new Map<string, string[]>();
  const placed = new Map<string, Point>();
  for (const { user, x, y, group } of points) {
    placed.set(user, [x, y]);
    if (group) members.set(group, [...(members.get(group) ?? []), user]);
  }
  const groups: MapGroup[] = data.groups.map((g) => ({ key: g.key, name: g.name, colour: g.colour, centre: g.centre, members: members.get(g.key) ?? [] }));
  return { version: last.version, previous: { points: placed, groups, axes: data.axes, baseCentres: data.baseCentres } };
}

/**
 * Computes and stores the next map version of a theme. Serialised per theme by an advisory lock,
 * so two workers never write the same version; idempotent in effect (a second run stores an
 * identical next version).
 */
export async function recomputeMap(db: Tx, themeId: string, now: () => number = () => performance.now()): Promise<RecomputeResult> {
  const started = now();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`map:${themeId}`}))`);
    const loadStart = now();
    const { votes, statementIds } = await loadThemeVotes(tx as unknown as Db, themeId);
    const { version, previous } = await loadPrevious(tx as unknown as Db, themeId);
    const loadMs = now() - loadStart;
    const map = computeMap(votes, { statements: statementIds, previous, now });
    const storeStart = now();
    const data: MapData = {
      groups: map.groups.map((g) => ({ key: g.key, name: g.name, colour: g.colour, size: g.members.length, centre: g.centre })),
      statements: map.statements,
      repness: map.repness,
      consensus: map.consensus,
      axes: map.axes,
      baseCentres: map.baseCentres,
      explained: map.explained,
      rotation: map.rotation,
      flagged: map.participants.filter((p) => p.agreesWithEverything).length,
    };
    const timings: Record<string, number> = { load: loadMs, ...map.timings };
    const [row] = await tx
      .insert(mapVersions)
      .values({
        themeId,
        version: version + 1,
        participantCount: map.participants.length,
        voteCount: votes.length,
        statementCount: statementIds.length,
        groupCount: map.groups.length,
        silhouette: map.silhouette,
        data,
        timings,
      })
      .returning({ id: mapVersions.id });
    const p = map.participants;
    if (p.length) {
      // One statement for all points: arrays unnested server-side instead of thousands of value tuples.
      const param = sql.param;
      await tx.execute(sql`
        insert into map_points (map_version_id, user_id, x, y, group_key, votes, agrees_with_everything)
        select ${row!.id}, * from unnest(${param(p.map((x) => x.participant))}::uuid[], ${param(p.map((x) => x.point[0]))}::float8[],
          ${param(p.map((x) => x.point[1]))}::float8[], ${param(p.map((x) => x.group))}::text[], ${param(p.map((x) => x.votes))}::int[],
          ${param(p.map((x) => x.agreesWithEverything))}::bool[])`);
    }
    const oldest = version + 1 - KEEP_POINTS_OF_VERSIONS;
    if (oldest > 0) {
      await tx.execute(sql`delete from ${mapPoints} using ${mapVersions} where ${mapPoints.mapVersionId} = ${mapVersions.id} and ${mapVersions.themeId} = ${themeId} and ${lt(mapVersions.version, oldest)}`);
    }
    timings.store = now() - storeStart;
    timings.total = now() - started;
    await tx.update(mapVersions).set({ timings }).where(eq(mapVersions.id, row!.id));
    return { version: version + 1, participants: p.length, groups: map.groups.length, timings };
  });
}
