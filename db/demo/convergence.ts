import { eq } from "drizzle-orm";
import { mapFindable, papers, statements, statementVotes, users } from "@/db/schema";
import { recomputeMap } from "@/lib/map/recompute";
import { seededRandom } from "@/lib/map/random";
import { hashPassword } from "@/lib/members/passwords";
import type { DemoContext } from "./context";

/** Simulated voters on the Health map: enough for groups to form and the map to be worth a look. */
export const DEMO_VOTERS = 300;

/**
 * Statements of the Health map and how each of three camps leans on them (+1 agree, −1 disagree,
 * 0 split): a camp for public investment, one for reform through local prevention and
 * one for choice and efficiency. The first three unite everyone.
 */
const HEALTH_STATEMENTS: [string, [number, number, number]][] = [
  ["Nobody should wait more than 18 weeks for planned treatment.", [1, 1, 1]],
  ["Mental health deserves the same funding priority as physical health.", [1, 1, 1]],
  ["Carers who look after a relative deserve far more support than they get now.", [1, 1, 1]],
  ["Health spending should rise by at least 4 % a year above inflation.", [1, 0, -1]],
  ["Private providers should not run any NHS-funded services.", [1, -1, -1]],
  ["Social care should be free at the point of use, like the NHS.", [1, 1, -1]],
  ["More money should move from hospitals to GP surgeries and community care.", [-1, 1, 0]],
  ["Prevention (diet, housing, clean air) matters more than new hospital buildings.", [0, 1, -1]],
  ["Patients should be able to choose any provider, public or private, for planned operations.", [-1, -1, 1]],
  ["Hospital trusts should be paid by results, not by block budgets.", [-1, 0, 1]],
  ["A tax on sugary and ultra-processed food would be worth it.", [0, 1, -1]],
  ["Local councils should run public health, not a national agency.", [-1, 1, 0]],
  ["Nurses' pay should be restored to its 2010 real-terms level before anything else.", [1, 0, -1]],
  ["Waiting lists would fall faster with more use of spare private capacity.", [-1, -1, 1]],
  ["Every town should keep its own accident and emergency department.", [1, -1, 0]],
  ["Community pharmacies should be the first stop for minor illnesses.", [0, 1, 1]],
  ["Managers and administration take too large a share of the health budget.", [-1, 0, 1]],
  ["Social prescribing (walking groups, arts, advice) should be on offer in every surgery.", [0, 1, -1]],
];
const CAMPS = [0.4, 0.35, 0.25];
/** These statements are about the seeded waiting-list paper: they show beside it too. */
const WAITING_LIST_PAPER = "A waiting-list plan that patients can see";
const ABOUT_THE_PAPER = new Set([0, 13]);

/**
 * Seeds the Health theme's agreement map: the statements above, simulated voters (seeded, so the
 * demo looks the same on every first start), votes from two demo members, and the map computed by
 * the same recomputeMap the job queue runs.
 */
export async function seedConvergence(ctx: DemoContext): Promise<void> {
  const themeId = ctx.themeId("health");
  const author = ctx.userId("curator1@commonplace.test");
  const random = seededRandom(2026);
  const start = Date.now() - 20 * 86_400_000;
  const [paper] = await ctx.tx.select({ id: papers.id }).from(papers).where(eq(papers.title, WAITING_LIST_PAPER));
  const rows = await ctx.tx
    .insert(statements)
    .values(HEALTH_STATEMENTS.map(([body], i) => ({ themeId, paperId: ABOUT_THE_PAPER.has(i) ? (paper?.id ?? null) : null, authorId: author, body, createdAt: new Date(start + i * 3_600_000) })))
    .returning({ id: statements.id });
  // One password hash for all: nobody knows it, so nobody can sign in as a simulated voter.
  const passwordHash = await hashPassword(`simulated-${random()}-${Date.now()}`);
  const voters = await ctx.tx
    .insert(users)
    .values(
      Array.from({ length: DEMO_VOTERS }, (_, i) => ({
        email: `voter${String(i + 1).padStart(3, "0")}@simulated.commonplace.test`,
        passwordHash,
        displayName: `Simulated voter ${String(i + 1).padStart(3, "0")}`,
        verifiedAt: new Date(start),
        verifiedBy: "admin" as const,
      })),
    )
    .returning({ id: users.id });
  const votes: (typeof statementVotes.$inferInsert)[] = [];
  const cast = (userId: string, camp: number, loyalty: number, missing: number) => {
    HEALTH_STATEMENTS.forEach(([, stance], j) => {
      if (random() < missing) return;
      const lean = stance[camp]!;
      const r = random();
      const value = lean === 0 ? (r < 0.4 ? 1 : r < 0.8 ? -1 : 0) : r < loyalty ? lean : r < loyalty + (1 - loyalty) / 2 ? 0 : -lean;
      votes.push({ statementId: rows[j]!.id, userId, themeId, value, createdAt: new Date(start + j * 3_600_000 + 60_000) });
    });
  };
  voters.forEach((v, i) => {
    const r = (i + 0.5) / voters.length;
    const camp = r < CAMPS[0]! ? 0 : r < CAMPS[0]! + CAMPS[1]! ? 1 : 2;
    cast(v.id, camp, 0.8, 0.25);
  });
  // member1 votes with the first camp on every statement; member2 (Red Kite) with the second, and is findable.
  cast(ctx.userId("member1@commonplace.test"), 0, 0.95, 0);
  cast(ctx.userId("member2@commonplace.test"), 1, 0.95, 0);
  for (let i = 0; i < votes.length; i += 2000) await ctx.tx.insert(statementVotes).values(votes.slice(i, i + 2000)).onConflictDoNothing();
  // A few simulated voters of each camp are findable, so "people who agree with you" shows someone.
  const findable = [ctx.userId("member2@commonplace.test"), ...voters.filter((_, i) => i % 25 === 3).map((v) => v.id)];
  await ctx.tx.insert(mapFindable).values(findable.map((userId) => ({ themeId, userId })));
  await recomputeMap(ctx.tx, themeId);
}
