/**
 * The SQL twins of the visibility rules in `core.ts`, for queries that filter lists (home page,
 * feeds, search, fact citations, synthesis sources): "is this paper public", "may this actor read
 * this theme's discussion", "does this actor see this theme". A rule changes in core.ts and here
 * together; `visibility.int.test.ts` runs both on every resource state and fails if they differ.
 * Columns may come from an alias (`aliasedTable(papers, "p")`), so raw SQL can use them too.
 */
import { sql, type SQL } from "drizzle-orm";
import { papers, themes } from "@/db/schema";
import { isAdmin, readsMembersOnlyDiscussion, type Actor } from "./core";

export { canReadDiscussion, paperIsPublic, themeVisible } from "./core";

type PaperCols = { publishedVersion: typeof papers.publishedVersion; hiddenAt: typeof papers.hiddenAt };
type ThemeCols = { archivedAt: typeof themes.archivedAt; discussionPublic: typeof themes.discussionPublic };

/** paperIsPublic in SQL: the published version, not hidden, in an open theme (join the paper's theme). */
export const paperIsPublicSql = (p: PaperCols = papers, t: Pick<ThemeCols, "archivedAt"> = themes): SQL =>
  sql`(${p.publishedVersion} > 0 and ${p.hiddenAt} is null and ${t.archivedAt} is null)`;

/** canReadDiscussion in SQL for this actor. */
export const canReadDiscussionSql = (actor: Actor, t: Pick<ThemeCols, "discussionPublic"> = themes): SQL =>
  readsMembersOnlyDiscussion(actor) ? sql`true` : sql`(${t.discussionPublic} is true)`;

/** themeVisible in SQL for this actor. */
export const themeVisibleSql = (actor: Actor, t: Pick<ThemeCols, "archivedAt"> = themes): SQL => (isAdmin(actor) ? sql`true` : sql`(${t.archivedAt} is null)`);
