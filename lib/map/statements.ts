/** Statements of a theme's agreement map and members' votes on them (the commands; statistics are in compute.ts). */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { statements, statementVotes, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { paperIsPublic, type Actor, type ThemeResource } from "@/lib/auth/permissions";
import type { StatementResource } from "@/lib/auth/rules/convergence";
import { recordAudit } from "@/lib/audit/record";
import { excerpt } from "@/lib/discussion/markdown";
import { AppError, notFound } from "@/lib/errors";
import { isUuid, loadPaperResource } from "@/lib/papers/resource";
import { STATEMENT_MAX, type CreateStatementInput, type ModerateStatementInput, type VoteStatementInput } from "@/lib/validation/convergence";
import { scheduleMapRecompute } from "./schedule";
import type { VoteValue } from "./types";

export const VOTE_VALUES: Record<VoteStatementInput["vote"], VoteValue> = { agree: 1, disagree: -1, pass: 0 };

export async function loadTheme(db: Tx, themeId: string): Promise<ThemeResource & { slug: string; title: string }> {
  if (!isUuid(themeId)) throw notFound("theme", "That theme could not be found.");
  const [theme] = await db
    .select({ id: themes.id, slug: themes.slug, title: themes.title, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic })
    .from(themes)
    .where(eq(themes.id, themeId));
  if (!theme) throw notFound("theme", "That theme could not be found.");
  return theme;
}

async function loadStatement(db: Tx, statementId: string, lock = false): Promise<StatementResource & { body: string; themeSlug: string }> {
  if (!isUuid(statementId)) throw notFound("statement", "That statement could not be found.");
  const query = db
    .select({
      id: statements.id,
      authorId: statements.authorId,
      hiddenAt: statements.hiddenAt,
      body: statements.body,
      themeId: themes.id,
      themeSlug: themes.slug,
      archivedAt: themes.archivedAt,
      discussionPublic: themes.discussionPublic,
    })
    .from(statements)
    .innerJoin(themes, eq(themes.id, statements.themeId))
    .where(eq(statements.id, statementId));
  const [row] = lock ? await query.for("update", { of: statements }) : await query;
  if (!row) throw notFound("statement", "That statement could not be found.");
  return {
    id: row.id,
    authorId: row.authorId,
    hiddenAt: row.hiddenAt,
    body: row.body,
    themeSlug: row.themeSlug,
    theme: { id: row.themeId, archivedAt: row.archivedAt, discussionPublic: row.discussionPublic },
  };
}

/** A verified member adds a statement to an open theme's map. The author's own vote is "agree", as in Polis. */
export async function createStatement(db: Db, actor: Actor, input: CreateStatementInput): Promise<{ id: string }> {
  const body = input.body.trim();
  if (body.length > STATEMENT_MAX) throw new AppError("invalid:statement", `Keep a statement to ${STATEMENT_MAX} characters.`, "body");
  return db.transaction(async (tx) => {
    const theme = await loadTheme(tx, input.themeId);
    assertCan(actor, "statement.create", theme);
    if (input.paperId) {
      const paper = await loadPaperResource(tx, input.paperId);
      if (paper.theme.id !== theme.id) throw notFound("paper", "That paper is not in this theme.");
      // A public paper is one everyone may read (paper.view); a hidden one shows members a placeholder.
      if (!paperIsPublic(paper)) throw new AppError("forbidden:statement.create", "Statements can be added only about a published paper that is not hidden.");
    }
    const duplicate = await tx
      .select({ id: statements.id })
      .from(statements)
      .where(and(eq(statements.themeId, theme.id), sql`lower(${statements.body}) = lower(${body})`))
      .limit(1);
    if (duplicate.length) throw new AppError("conflict:statement", "That statement is already on this map: vote on it instead.", "body");
    const [row] = await tx.insert(statements).values({ themeId: theme.id, paperId: input.paperId ?? null, authorId: actor.id, body }).returning({ id: statements.id });
    await tx.insert(statementVotes).values({ statementId: row!.id, userId: actor.id!, themeId: theme.id, value: 1 });
    await scheduleMapRecompute(tx, theme.id);
    return row!;
  });
}

/** Agree, disagree or pass; voting again changes the vote. The map is recomputed later, by the queue. */
export async function voteOnStatement(db: Db, actor: Actor, input: VoteStatementInput): Promise<{ themeId: string; themeSlug: string }> {
  return db.transaction(async (tx) => {
    const statement = await loadStatement(tx, input.statementId);
    if (statement.hiddenAt !== null && actor.id !== null) {
      throw new AppError("forbidden:statement.vote", "A moderator has hidden this statement, so it can no longer be voted on. Nothing was recorded.");
    }
    assertCan(actor, "statement.vote", statement);
    const value = VOTE_VALUES[input.vote];
    await tx
      .insert(statementVotes)
      .values({ statementId: statement.id, userId: actor.id!, themeId: statement.theme.id, value })
      .onConflictDoUpdate({ target: [statementVotes.statementId, statementVotes.userId], set: { value, updatedAt: new Date() } });
    await scheduleMapRecompute(tx, statement.theme.id);
    return { themeId: statement.theme.id, themeSlug: statement.themeSlug };
  });
}

/** Moderators hide and restore statements with a reason in the public log, as they do comments. */
export async function setStatementHidden(db: Db, actor: Actor, input: ModerateStatementInput, hidden: boolean): Promise<{ themeSlug: string }> {
  return db.transaction(async (tx) => {
    const statement = await loadStatement(tx, input.statementId, true);
    assertCan(actor, hidden ? "statement.hide" : "statement.restore", statement);
    await tx
      .update(statements)
      .set(hidden ? { hiddenAt: new Date(), hiddenReason: input.reason, hiddenBy: actor.id } : { hiddenAt: null, hiddenReason: null, hiddenBy: null })
      .where(eq(statements.id, statement.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: hidden ? "statement.hide" : "statement.restore",
      targetType: "statement",
      targetId: statement.id,
      reason: input.reason,
      details: { excerpt: excerpt(statement.body, 80), themeId: statement.theme.id },
    });
    await scheduleMapRecompute(tx, statement.theme.id);
    return { themeSlug: statement.themeSlug };
  });
}
