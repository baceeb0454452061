import { randomUUID } from "node:crypto";
import type { Tx } from "@/db";
import { commentRevisions, commentVotes, comments, papers } from "@/db/schema";
import { renderCommentMarkdown } from "@/lib/discussion/markdown";
import { inArray } from "drizzle-orm";
import type { DemoContext, DemoPaper } from "./context";

/** A small deterministic PRNG (mulberry32), so the demo thread reads the same on every seed (ids are random). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const OPENERS = [
  "I think the paper is right about the direction but wrong about the pace.",
  "This is the strongest section of the paper, and it deserves more attention.",
  "I'm not convinced by the costings here.",
  "Speaking as someone who has worked in this area for fifteen years:",
  "Good point, but it cuts both ways.",
  "I agree with most of this.",
  "The evidence in section two is weaker than it looks.",
  "We tried something like this in our branch last year.",
  "I'd push back on the framing.",
  "Can we separate two questions that are getting mixed up here?",
  "Thanks, this changed my mind on one thing.",
  "This is where I think we lose the argument with the public.",
];
const CLAIMS = [
  "Local councils simply do not have the staff to deliver it on this timetable.",
  "The regional figures hide big differences between cities and rural areas.",
  "Unless funding is ring-fenced, it will be spent on something else within two years.",
  "The people most affected were barely consulted, and it shows.",
  "A pilot in two regions would tell us far more than another round of modelling.",
  "The proposal assumes wages keep pace with prices, which they have not since 2010.",
  "Most of the cost falls in the first three years; the savings come much later.",
  "There is a real risk that private providers capture most of the new money.",
  "The unions have said clearly what they would accept, and this is close to it.",
  "Public support for this is high in polling but soft when you ask about trade-offs.",
  "It would help to say who decides, and who they answer to.",
  "The paper is silent on what happens to the existing workforce.",
  "Other countries did this with a simple universal scheme rather than means-testing.",
  "Means-testing sounds fair but the admin costs eat a large share of the budget.",
];
const EVIDENCE = [
  "The latest official statistics put the gap at around 12 per cent.",
  "The independent review in 2023 found much the same.",
  "Our branch survey (about 300 replies) backs this up.",
  "See the [ONS release](https://www.ons.gov.uk/) for the underlying numbers.",
  "The *select committee* report made exactly this point.",
  "It took Scotland four years to get a similar scheme working properly.",
  "Teachers I know say the workload is the problem, not only the pay.",
  "The waiting-list figures have got worse every quarter since 2019.",
];
const QUESTIONS = [
  "What would it cost to do this nationally?",
  "Who would actually run it day to day?",
  "Has anyone modelled the effect on smaller towns?",
  "Is there a version of this that could start next year?",
  "Would this survive a change of government?",
  "How do we explain this on a doorstep in two sentences?",
  "Should the next version of the paper say this explicitly?",
];
const REPLIES = [
  "That's fair, though I'd say the timetable is the real issue.",
  "I don't think that follows.",
  "Agreed, and it's worth adding to the digest.",
  "Do you have a source for that?",
  "Yes: it's in the appendix of the review.",
  "This matches my experience exactly.",
  "I see it differently.",
  "Both can be true at once.",
  "Good question. I don't know, and I don't think the paper does either.",
  "**This.** It's the crux of the whole thing.",
];

/** A plausible comment: an opener, a claim or two, sometimes evidence, a list or a question. */
export function commentText(rand: () => number, isReply: boolean): string {
  const parts: string[] = [];
  if (isReply && rand() < 0.6) parts.push(pick(rand, REPLIES));
  else parts.push(pick(rand, OPENERS));
  parts.push(pick(rand, CLAIMS));
  if (rand() < 0.4) parts.push(pick(rand, EVIDENCE));
  let text = parts.join(" ");
  const r = rand();
  if (r < 0.12) text += `\n\nThree things the paper could add:\n\n- ${pick(rand, CLAIMS)}\n- ${pick(rand, CLAIMS)}\n- ${pick(rand, QUESTIONS)}`;
  else if (r < 0.2) text = `> ${pick(rand, CLAIMS)}\n\n${text}`;
  else if (r < 0.5) text += `\n\n${pick(rand, QUESTIONS)}`;
  return text;
}

export interface GeneratedThread {
  comments: (typeof comments.$inferInsert)[];
  votes: (typeof commentVotes.$inferInsert)[];
}

/**
 * A thread of `count` comments by these authors: a few top-level comments, replies attached mostly
 * to recent comments so branches grow deep (one chain is made to reach `maxDepth`), and useful
 * votes skewed so a few comments stand out, as in real discussions.
 */
export function generateThread(opts: { paperId: string; authorIds: string[]; count: number; maxDepth: number; seed: number; start: Date; topLevelShare?: number }): GeneratedThread {
  const rand = prng(opts.seed);
  const rows: (typeof comments.$inferInsert & { id: string; depth: number; authorId: string; createdAt: Date })[] = [];
  const spanMs = Date.now() - opts.start.getTime();
  const add = (parent: (typeof rows)[number] | null) => {
    const others = opts.authorIds.filter((a) => a !== parent?.authorId);
    const authorId = pick(rand, others.length ? others : opts.authorIds);
    const body = commentText(rand, parent !== null);
    const createdAt = new Date(Math.min(Date.now() - 60_000, (parent ? parent.createdAt.getTime() : opts.start.getTime()) + rand() * (spanMs / 6) + 60_000));
    const row = { id: randomUUID(), paperId: opts.paperId, parentId: parent?.id ?? null, authorId, depth: parent ? parent.depth + 1 : 0, body, bodyHtml: renderCommentMarkdown(body), createdAt };
    rows.push(row);
    return row;
  };
  // One chain that goes all the way down, so the deepest nesting is always there to see.
  let chain = add(null);
  for (let d = 1; d <= opts.maxDepth && rows.length < opts.count; d++) chain = add(chain);
  const topShare = opts.topLevelShare ?? 0.12;
  while (rows.length < opts.count) {
    if (rand() < topShare) {
      add(null);
      continue;
    }
    // Prefer recent comments as parents: conversations continue where they are lively.
    const candidate = rows[Math.floor(rows.length * Math.sqrt(rand()))]!;
    add(candidate.depth < opts.maxDepth ? candidate : (rows.find((r) => r.id === candidate.parentId) ?? null));
  }
  const votes: (typeof commentVotes.$inferInsert)[] = [];
  for (const row of rows) {
    const voters = opts.authorIds.filter((a) => a !== row.authorId);
    const n = Math.floor(voters.length * rand() ** 2.5);
    for (const userId of [...voters].sort(() => rand() - 0.5).slice(0, n)) votes.push({ commentId: row.id, userId, value: 1, createdAt: row.createdAt });
    row.usefulCount = n;
  }
  return { comments: rows, votes };
}

/** Inserts in batches well under PostgreSQL's limit of 65,535 parameters per statement. */
export async function insertThread(tx: Tx, thread: GeneratedThread): Promise<void> {
  for (let i = 0; i < thread.comments.length; i += 1000) await tx.insert(comments).values(thread.comments.slice(i, i + 1000));
  for (let i = 0; i < thread.votes.length; i += 5000) await tx.insert(commentVotes).values(thread.votes.slice(i, i + 5000));
}

/**
 * Demo discussions: the paper marked longThread gets a 320-comment thread nested ten deep with
 * votes, some edited comments, one deleted and one hidden by a moderator; other published papers
 * get a few comments each.
 */
export async function seedDiscussion(ctx: DemoContext, demoPapers: DemoPaper[]): Promise<void> {
  const published = demoPapers.filter((p) => p.published);
  if (published.length === 0) return;
  const members = ctx.memberEmails.map((e) => ctx.userId(e));
  const moderatorId = ctx.userId("moderator1@commonplace.test");
  const publishedAt = await ctx.tx.select({ id: papers.id, publishedAt: papers.publishedAt }).from(papers).where(inArray(papers.id, published.map((p) => p.id)));
  const startOf = (id: string) => publishedAt.find((p) => p.id === id)?.publishedAt ?? new Date(Date.now() - 30 * 86_400_000);
  const long = published.find((p) => p.longThread) ?? published[0]!;
  const thread = generateThread({ paperId: long.id, authorIds: members, count: 320, maxDepth: 9, seed: 2026, start: startOf(long.id) });

  const rand = prng(7);
  // Some comments edited, with their earlier text kept as history.
  const revisions: (typeof commentRevisions.$inferInsert)[] = [];
  for (const row of thread.comments.filter((_, i) => i % 37 === 5)) {
    revisions.push({ commentId: row.id!, body: commentText(rand, row.parentId != null), createdAt: row.createdAt });
    row.editedAt = new Date(row.createdAt!.getTime() + 3_600_000);
  }
  // One deleted comment whose replies stay, and one hidden by a moderator with a reason.
  const withReplies = thread.comments.filter((c) => thread.comments.some((r) => r.parentId === c.id));
  const deleted = withReplies[3]!;
  Object.assign(deleted, { body: "", bodyHtml: "", deletedAt: new Date(deleted.createdAt!.getTime() + 7_200_000), editedAt: null });
  const hidden = withReplies[7]!;
  Object.assign(hidden, { hiddenAt: new Date(), hiddenReason: "Personal attack on another member (rule 2). The point can be made without it.", hiddenBy: moderatorId });

  const others = published.filter((p) => p.id !== long.id);
  for (const [i, paper] of others.entries()) {
    const small = generateThread({ paperId: paper.id, authorIds: members, count: 3 + (i % 4), maxDepth: 2, seed: 100 + i, start: startOf(paper.id), topLevelShare: 0.5 });
    thread.comments.push(...small.comments);
    thread.votes.push(...small.votes);
  }
  await insertThread(ctx.tx, thread);
  if (revisions.length) await ctx.tx.insert(commentRevisions).values(revisions.filter((r) => r.commentId !== deleted.id));
}
