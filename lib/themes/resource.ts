import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { themes } from "@/db/schema";
import type { ThemeResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/papers/resource";

/** The columns a theme is judged by; select them (spread) wherever a query builds a ThemeResource. */
export const themeResourceColumns = { id: themes.id, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic };

/** The theme as the permission rules see it, read fresh. Throws not_found for an unknown id. */
export async function loadThemeResource(db: Tx, themeId: string): Promise<ThemeResource> {
  if (!isUuid(themeId)) throw notFound("theme", "That theme could not be found.");
  const [theme] = await db.select(themeResourceColumns).from(themes).where(eq(themes.id, themeId));
  if (!theme) throw notFound("theme", "That theme could not be found.");
  return theme;
}
