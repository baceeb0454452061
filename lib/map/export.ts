/**
 * The agreement map's votes in Pol.is's export formats (comments.csv, votes.csv,
 * participant-votes.csv), so red-dwarf, Sensemaker or Polis's own notebooks can reproduce the map.
 * Members appear only as small numbers (Polis's pid, in order of first vote), statements as
 * numbers in order of writing (tid); hidden statements and their votes are left out. Votes use
 * Polis's export signs: 1 agree, -1 disagree, 0 pass.
 */
import { stringify } from "csv-stringify/sync";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { mapPoints, mapVersions, statements, statementVotes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { getThemeForMap } from "./queries";

export const POLIS_FILES = ["comments", "votes", "participant-votes"] as const;
export type PolisFile = (typeof POLIS_FILES)[number];

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
/** Polis writes JavaScript's Date.toString(); a fixed UTC form of it keeps the file reproducible. */
const datetime = (d: Date) => d.toUTCString();

export async function polisExport(db: Tx, actor: Actor, slug: string, file: PolisFile): Promise<string> {
  const theme = await getThemeForMap(db, slug);
  assertCan(actor, "map.export", theme);
  const rows = await db
    .select({ id: statements.id, authorId: statements.authorId, body: statements.body, createdAt: statements.createdAt })
    .from(statements)
    .where(and(eq(statements.themeId, theme.id), isNull(statements.hiddenAt)))
    .orderBy(asc(statements.createdAt), asc(statements.id));
  const tid = new Map(rows.map((r, i) => [r.id, i]));
  const votes = (
    await db
      .select({ statementId: statementVotes.statementId, userId: statementVotes.userId, value: statementVotes.value, at: statementVotes.updatedAt })
      .from(statementVotes)
      .where(eq(statementVotes.themeId, theme.id))
      .orderBy(asc(statementVotes.createdAt), asc(statementVotes.userId))
  ).filter((v) => tid.has(v.statementId));
  // pid: members numbered in the order they first voted (authors who never voted after them).
  const pid = new Map<string, number>();
  for (const v of votes) if (!pid.has(v.userId)) pid.set(v.userId, pid.size);
  for (const r of rows) if (r.authorId && !pid.has(r.authorId)) pid.set(r.authorId, pid.size);

  if (file === "comments") {
    const counts = new Map<string, { agree: number; disagree: number }>();
    for (const v of votes) {
      const c = counts.get(v.statementId) ?? { agree: 0, disagree: 0 };
      if (v.value === 1) c.agree++;
      if (v.value === -1) c.disagree++;
      counts.set(v.statementId, c);
    }
    return stringify(
      rows.map((r) => [seconds(r.createdAt), datetime(r.createdAt), tid.get(r.id), r.authorId ? pid.get(r.authorId) : "", counts.get(r.id)?.agree ?? 0, counts.get(r.id)?.disagree ?? 0, 1, r.body]),
      { header: true, columns: ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"] },
    );
  }
  if (file === "votes") {
    const sorted = [...votes].sort((a, b) => tid.get(a.statementId)! - tid.get(b.statementId)! || pid.get(a.userId)! - pid.get(b.userId)!);
    return stringify(
      sorted.map((v) => [seconds(v.at), datetime(v.at), tid.get(v.statementId), pid.get(v.userId), v.value]),
      { header: true, columns: ["timestamp", "datetime", "comment-id", "voter-id", "vote"] },
    );
  }
  // participant-votes: one row per member with their group on the latest map and a column per statement.
  const [latest] = await db.select({ id: mapVersions.id, data: mapVersions.data }).from(mapVersions).where(eq(mapVersions.themeId, theme.id)).orderBy(desc(mapVersions.version)).limit(1);
  const groupOf = new Map<string, number>();
  if (latest) {
    const keys = ((latest.data as { groups: { key: string }[] }).groups ?? []).map((g) => g.key).sort();
    const placed = await db.select({ userId: mapPoints.userId, group: mapPoints.groupKey }).from(mapPoints).where(and(eq(mapPoints.mapVersionId, latest.id), sql`${mapPoints.groupKey} is not null`));
    for (const p of placed) groupOf.set(p.userId, keys.indexOf(p.group!));
  }
  const authored = new Map<string, number>();
  for (const r of rows) if (r.authorId) authored.set(r.authorId, (authored.get(r.authorId) ?? 0) + 1);
  const byUser = new Map<string, Map<number, number>>();
  for (const v of votes) {
    const m = byUser.get(v.userId) ?? new Map<number, number>();
    m.set(tid.get(v.statementId)!, v.value);
    byUser.set(v.userId, m);
  }
  const people = [...pid.entries()].sort((a, b) => a[1] - b[1]);
  return stringify(
    people.map(([user, p]) => {
      const mine = byUser.get(user) ?? new Map<number, number>();
      const values = [...mine.values()];
      return [p, groupOf.get(user) ?? "", authored.get(user) ?? 0, mine.size, values.filter((x) => x === 1).length, values.filter((x) => x === -1).length, ...rows.map((_, t) => mine.get(t) ?? "")];
    }),
    { header: true, columns: ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", ...rows.map((_, t) => String(t))] },
  );
}
