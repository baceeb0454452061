/**
 * Demo governance: a pool of volunteers, one completed council draw (verifiable on its page), one
 * open recall petition and one decided appeal. The named demo accounts stay out of the pool so
 * that their roles stay as the README's table says.
 */
import { eq, isNotNull } from "drizzle-orm";
import { appealVotes, appeals, comments, poolVolunteers, recallPetitions, recallSignatures, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { executeDrawTx, freezeAnnouncement, insertDraw, usersOf } from "@/lib/council/draws";
import { DEFAULT_POOL_CATEGORIES, getCouncilSettings } from "@/lib/council/settings";
import type { DemoContext } from "./context";

const FIRST = ["Alex", "Bea", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jon", "Kemi", "Lars", "Mira", "Nico", "Orla", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren", "Yusuf"];
const LAST = ["Abbott", "Byrne", "Costa", "Dlamini", "Evans", "Farah", "Gill", "Hale", "Iqbal", "Jones", "Khan", "Lowe"];
const DAY = 86_400_000;

export async function seedCouncil(ctx: DemoContext, passwordHash: string): Promise<void> {
  const { tx } = ctx;
  await getCouncilSettings(tx);
  const regions = DEFAULT_POOL_CATEGORIES[0]!.values;
  const genders = DEFAULT_POOL_CATEGORIES[1]!.values;
  const now = new Date();
  const volunteers = await tx
    .insert(users)
    .values(
      FIRST.map((first, i) => ({
        email: `volunteer${String(i + 1).padStart(2, "0")}@commonplace.test`,
        passwordHash,
        displayName: `${first} ${LAST[i % LAST.length]}`,
        verifiedAt: now,
        verifiedBy: "admin" as const,
      })),
    )
    .returning({ id: users.id });
  await tx.insert(poolVolunteers).values(
    volunteers.map((v, i) => ({
      userId: v.id,
      // Self-declared and optional: every fifth volunteer left their gender blank.
      categories: { region: regions[i % 4]!, ...(i % 5 === 4 ? {} : { gender: genders[i % 7 === 6 ? 2 : i % 2]! }) },
    })),
  );

  const admin = await loadActor(tx, ctx.userId("admin@commonplace.test"));
  const settings = await getCouncilSettings(tx);
  const pool = volunteers.map((v, i) => ({ userId: v.id, categories: { region: regions[i % 4]!, gender: i % 5 === 4 ? "" : genders[i % 7 === 6 ? 2 : i % 2]! } }));
  const quotas = [
    { category: "gender", value: "Woman", min: 2, max: 3 },
    { category: "gender", value: "Man", min: 2, max: 3 },
    { category: "region", value: "North", min: 1, max: 2 },
  ];
  const drawId = crypto.randomUUID();
  const frozen = await freezeAnnouncement({ drawId, title: "Council 2026–27", seats: 5, reserveSize: 5, categories: settings.poolCategories, quotas, pool });
  await insertDraw(tx, admin, "council", drawId, frozen, { title: "Council 2026–27", seats: 5, quotas, termDays: settings.councilTermDays, drawNotBefore: new Date(now.getTime() - DAY) });
  await executeDrawTx(tx, admin, drawId, now);

  // An open petition against a moderator, with a few signatures and far from the threshold.
  const target = ctx.userId("moderator2@commonplace.test");
  const opener = ctx.userId("member2@commonplace.test");
  const [petition] = await tx
    .insert(recallPetitions)
    .values({
      targetUserId: target,
      role: "moderator",
      openedBy: opener,
      reason: "Hid three comments in the housing thread that criticised the paper but broke no rule, and gave the same one-word reason each time.",
      openedAt: new Date(now.getTime() - 3 * DAY),
      closesAt: new Date(now.getTime() + (settings.recallWindowDays - 3) * DAY),
      signatureCount: 4,
    })
    .returning({ id: recallPetitions.id });
  await tx.insert(recallSignatures).values([opener, ...volunteers.slice(0, 3).map((v) => v.id)].map((userId) => ({ petitionId: petition!.id, userId })));
  await recordAudit(tx, { actorId: opener, action: "recall.open", targetType: "petition", targetId: petition!.id, details: { targetUserId: target, role: "moderator" } });

  // A decided appeal: the author of the hidden demo comment appealed, and a panel upheld the decision.
  const [hidden] = await tx.select().from(comments).where(isNotNull(comments.hiddenAt)).limit(1);
  if (!hidden?.authorId || !hidden.hiddenAt) return;
  const moderatorId = hidden.hiddenBy;
  const [appeal] = await tx
    .insert(appeals)
    .values({
      appellantId: hidden.authorId,
      subject: "comment",
      subjectId: hidden.id,
      moderatorId,
      actedAt: hidden.hiddenAt,
      actReason: hidden.hiddenReason,
      statement: "I was angry, but the point about the waiting list was fair and the rest of the thread took it up. Hiding the whole comment lost that.",
      filedAt: now,
    })
    .returning();
  await recordAudit(tx, { actorId: hidden.authorId, action: "appeal.file", targetType: "appeal", targetId: appeal!.id, details: { subject: "comment", subjectId: hidden.id } });
  const council = await tx.select({ userId: users.id }).from(users).where(eq(users.email, "council1@commonplace.test"));
  const panelPool = [...council, { userId: ctx.userId("council2@commonplace.test") }, ...[...(await usersOf(tx, drawId, frozen.announcement.pool.map((p) => p.poolId))).values()].map((userId) => ({ userId }))]
    .filter((p, i, all) => p.userId !== moderatorId && p.userId !== hidden.authorId && all.findIndex((q) => q.userId === p.userId) === i)
    .slice(0, 6)
    .map((p) => ({ userId: p.userId, categories: {} }));
  const panelDrawId = crypto.randomUUID();
  const panelFrozen = await freezeAnnouncement({ drawId: panelDrawId, title: `Appeal panel for appeal ${appeal!.id.slice(0, 8)}`, seats: 3, reserveSize: 3, categories: [], quotas: [], pool: panelPool });
  await insertDraw(tx, admin, "appeal_panel", panelDrawId, panelFrozen, { title: `Appeal panel for appeal ${appeal!.id.slice(0, 8)}`, seats: 3, quotas: [], termDays: 0, drawNotBefore: now });
  const panelResult = await executeDrawTx(tx, admin, panelDrawId, now);
  const panel = [...(await usersOf(tx, panelDrawId, panelResult.panel)).values()];
  const findings = [
    "The comment attacked another member by name; rule 2 is clear and the reason given says so.",
    "The point about waiting lists could have been made without the attack, as the moderator's reason says.",
  ];
  await tx.insert(appealVotes).values(panel.slice(0, 2).map((userId, i) => ({ appealId: appeal!.id, userId, outcome: "uphold" as const, findings: findings[i]! })));
  const joined = findings.map((f, i) => `Panellist ${i + 1}: ${f}`).join("\n\n");
  await tx.update(appeals).set({ status: "decided", panelDrawId, outcome: "uphold", findings: joined, decidedAt: now }).where(eq(appeals.id, appeal!.id));
  await recordAudit(tx, { actorId: null, action: "appeal.decide", targetType: "appeal", targetId: appeal!.id, reason: joined, details: { outcome: "uphold", subject: "comment", subjectId: hidden.id } });
}
