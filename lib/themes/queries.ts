import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { roleGrants, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { publicNameSql } from "@/lib/auth/public-name";

export interface ThemeSummary {
  id: string;
  slug: string;
  title: string;
  description: string;
  colour: string;
  discussionPublic: boolean;
  archivedAt: Date | null;
  position: number;
}

const summary = {
  id: themes.id,
  slug: themes.slug,
  title: themes.title,
  description: themes.description,
  colour: themes.colour,
  discussionPublic: themes.discussionPublic,
  archivedAt: themes.archivedAt,
  position: themes.position,
};

export async function listActiveThemes(db: Db): Promise<ThemeSummary[]> {
  return db.select(summary).from(themes).where(isNull(themes.archivedAt)).orderBy(asc(themes.position), asc(themes.title));
}

/** Every theme, archived included, for the admin list. */
export async function listAllThemes(db: Db, actor: Actor): Promise<ThemeSummary[]> {
  assertCan(actor, "theme.create", null);
  return db.select(summary).from(themes).orderBy(asc(themes.position), asc(themes.title));
}

export interface ThemeDetail extends ThemeSummary {
  curators: { id: string; name: string; email?: string }[];
}

type ThemeOptions = { withCuratorEmails?: boolean };

export const getThemeBySlug = (db: Db, actor: Actor, slug: string, opts?: ThemeOptions) => getTheme(db, actor, eq(themes.slug, slug), opts);
export const getThemeById = (db: Db, actor: Actor, id: string, opts?: ThemeOptions) => getTheme(db, actor, eq(themes.id, id), opts);

async function getTheme(db: Db, actor: Actor, where: SQL, opts: ThemeOptions = {}): Promise<ThemeDetail> {
  const [theme] = await db.select(summary).from(themes).where(where);
  if (!theme || !can(actor, "theme.view", theme)) throw notFound("theme", "There is no theme at this address.");
  const curatorRows = await db
    .select({ id: users.id, name: sql<string>`${publicNameSql()}`, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.themeId, theme.id), eq(roleGrants.role, "curator"), isNull(roleGrants.revokedAt)))
    .orderBy(asc(publicNameSql()));
  const showEmails = opts.withCuratorEmails && can(actor, "theme.setCurators", theme);
  return {
    ...theme,
    curators: curatorRows.map((c) => ({
      id: c.id,
      name: c.name,
      ...(showEmails ? { email: c.email } : {}),
    })),
  };
}
