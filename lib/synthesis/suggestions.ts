/**
 * Suggestions for a theme's synthesis: curators write the synthesis, members suggest what it
 * should say. Markdown-light like comments, rendered once when written.
 */
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { syntheses, synthesisSuggestions, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor, type ThemeResource } from "@/lib/auth/permissions";
import { ensureSynthesis } from "@/lib/collab/documents";
import { renderCommentMarkdown } from "@/lib/discussion/markdown";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/papers/resource";
import type { SuggestionInput } from "@/lib/validation/synthesis";
import { publicNameSql } from "@/lib/auth/public-name";

export async function loadThemeResource(db: Tx, themeId: string): Promise<ThemeResource> {
  if (!isUuid(themeId)) throw notFound("theme", "That theme could not be found.");
  const [theme] = await db.select({ id: themes.id, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic }).from(themes).where(eq(themes.id, themeId));
  if (!theme) throw notFound("theme", "That theme could not be found.");
  return theme;
}

export interface SuggestionView {
  id: string;
  authorName: string | null;
  bodyHtml: string;
  createdAt: Date;
}

/** Adds a suggestion to the theme's synthesis. Verified members of an open theme. */
export async function createSuggestion(db: Db, actor: Actor, input: SuggestionInput): Promise<{ id: string }> {
  const theme = await loadThemeResource(db, input.themeId);
  const synthesisId = await ensureSynthesis(db, theme.id);
  assertCan(actor, "synthesis.suggest", { id: synthesisId, theme });
  const [row] = await db
    .insert(synthesisSuggestions)
    .values({ synthesisId, authorId: actor.id, body: input.body, bodyHtml: renderCommentMarkdown(input.body) })
    .returning({ id: synthesisSuggestions.id });
  return row!;
}

const publicName = publicNameSql();

/**
 * The suggestions for a theme's synthesis, oldest first. Shown to whoever may read the synthesis
 * and the theme's discussion (suggestions are members' words, like comments).
 */
export async function listSuggestions(db: Tx, actor: Actor, themeId: string): Promise<SuggestionView[]> {
  const theme = await loadThemeResource(db, themeId);
  assertCan(actor, "synthesis.view", { id: "", theme });
  if (!can(actor, "theme.viewDiscussion", theme)) return [];
  return db
    .select({ id: synthesisSuggestions.id, authorName: publicName, bodyHtml: synthesisSuggestions.bodyHtml, createdAt: synthesisSuggestions.createdAt })
    .from(synthesisSuggestions)
    .innerJoin(syntheses, eq(syntheses.id, synthesisSuggestions.synthesisId))
    .leftJoin(users, eq(users.id, synthesisSuggestions.authorId))
    .where(eq(syntheses.themeId, theme.id))
    .orderBy(asc(synthesisSuggestions.createdAt));
}
