/**
 * Suggestions for a theme's synthesis: curators write the synthesis, members suggest what it
 * should say. Markdown-light like comments, rendered once when written.
 */
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { syntheses, synthesisSuggestions, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { themeSynthesis } from "@/lib/collab/documents";
import { renderCommentMarkdown } from "@/lib/discussion/markdown";
import type { SuggestionInput } from "@/lib/validation/synthesis";
import { publicNameSql } from "@/lib/auth/public-name";

export interface SuggestionView {
  id: string;
  authorName: string | null;
  bodyHtml: string;
  createdAt: Date;
}

/** Adds a suggestion to the theme's synthesis. Verified members of an open theme. */
export async function createSuggestion(db: Db, actor: Actor, input: SuggestionInput): Promise<{ id: string }> {
  const synthesis = await themeSynthesis(db, input.themeId);
  assertCan(actor, "synthesis.suggest", synthesis);
  const [row] = await db
    .insert(synthesisSuggestions)
    .values({ synthesisId: synthesis.id, authorId: actor.id, body: input.body, bodyHtml: renderCommentMarkdown(input.body) })
    .returning({ id: synthesisSuggestions.id });
  return row!;
}

const publicName = publicNameSql();

/**
 * The suggestions for a theme's synthesis, oldest first. Shown to whoever may read the synthesis
 * and the theme's discussion (suggestions are members' words, like comments).
 */
export async function listSuggestions(db: Tx, actor: Actor, themeId: string): Promise<SuggestionView[]> {
  const synthesis = await themeSynthesis(db, themeId);
  assertCan(actor, "synthesis.view", synthesis);
  if (!can(actor, "theme.viewDiscussion", synthesis.theme)) return [];
  return db
    .select({ id: synthesisSuggestions.id, authorName: publicName, bodyHtml: synthesisSuggestions.bodyHtml, createdAt: synthesisSuggestions.createdAt })
    .from(synthesisSuggestions)
    .innerJoin(syntheses, eq(syntheses.id, synthesisSuggestions.synthesisId))
    .leftJoin(users, eq(users.id, synthesisSuggestions.authorId))
    .where(eq(syntheses.id, synthesis.id))
    .orderBy(asc(synthesisSuggestions.createdAt));
}
