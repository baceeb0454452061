import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { comments, follows, papers, themes, users } from "@/db/schema";
import { notifyComment, notifyPaperPublished } from "@/lib/following/notify";
import type { DemoContext, DemoPaper } from "./context";

/**
 * Follows and a few notifications, so the bell and /notifications show something on first start.
 * Made through the same notify functions the app uses; e-mails go to the outbox like any other.
 */
export async function seedFollowing(ctx: DemoContext, demoPapers: DemoPaper[]): Promise<void> {
  const member = ctx.userId("member1@commonplace.test");
  const long = demoPapers.find((p) => p.longThread);
  const health = ctx.themeId("health");
  await ctx.tx
    .insert(follows)
    .values([
      { userId: member, targetType: "theme", targetId: health },
      { userId: member, targetType: "theme", targetId: ctx.themeId("education") },
      ...(long ? [{ userId: member, targetType: "paper" as const, targetId: long.id }] : []),
      { userId: ctx.userId("member2@commonplace.test"), targetType: "theme", targetId: ctx.themeId("strategy") },
    ])
    .onConflictDoNothing();

  // The newest published paper in Health, as if it had just been published.
  const [recent] = await ctx.tx
    .select({ id: papers.id, title: papers.title, authorId: papers.authorId, version: papers.publishedVersion, themeTitle: themes.title })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .where(and(eq(papers.themeId, health), isNotNull(papers.publishedAt), isNull(papers.hiddenAt)))
    .orderBy(desc(papers.publishedAt))
    .limit(1);
  if (recent) {
    await notifyPaperPublished(ctx.tx, { id: recent.id, title: recent.title, themeId: health, themeTitle: recent.themeTitle, authorId: recent.authorId, version: recent.version }, recent.authorId);
  }

  // Two replies to the member's own comments in the long thread.
  if (!long) return;
  const replies = await ctx.tx
    .select({ id: comments.id, authorId: comments.authorId, parentId: comments.parentId, name: users.displayName, pseudonym: users.pseudonym, usePseudonym: users.usePseudonym })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.paperId, long.id), isNotNull(comments.parentId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .orderBy(desc(comments.createdAt))
    .limit(400);
  const mine = new Set(
    (await ctx.tx.select({ id: comments.id }).from(comments).where(and(eq(comments.paperId, long.id), eq(comments.authorId, member)))).map((c) => c.id),
  );
  const toMember = replies.filter((r) => r.parentId && mine.has(r.parentId) && r.authorId !== member).slice(0, 2);
  for (const reply of toMember) {
    await notifyComment(ctx.tx, { id: reply.id, paperId: long.id, paperTitle: long.title, authorId: reply.authorId, authorName: reply.usePseudonym && reply.pseudonym ? reply.pseudonym : reply.name, parentAuthorId: member });
  }
}
