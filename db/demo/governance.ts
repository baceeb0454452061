import { randomBytes } from "node:crypto";
import { decisionOptions, decisions, decisionSeconds, decisionVotes, electionBallots, electionNominations, elections, electionVoters, type DecisionChoice } from "@/db/schema";
import { closeDecision } from "@/lib/governance/decisions";
import { countElection, newReceipt, receiptHash, sha256 } from "@/lib/governance/elections";
import { scheduleDeadline } from "@/lib/jobs/deadlines";
import type { DemoContext } from "./context";

const DAY = 86_400_000;
/** member1's receipt in the counted demo election, so anyone can try "find my ballot". */
export const DEMO_RECEIPT = "DEMO-0000-0000-0001";

const seeded = () => {
  const seed = randomBytes(32).toString("hex");
  return { seed, seedHash: sha256(seed) };
};

/**
 * One counted election with published ballots (the two demo moderators won it), one with
 * nominations open (member1 has a nomination to accept), and decisions of each kind, open and closed.
 */
export async function seedGovernance(ctx: DemoContext): Promise<void> {
  const { tx } = ctx;
  const now = new Date();
  const id = (email: string) => ctx.userId(email);
  const voters = ctx.memberEmails.map(id);

  // 1. Last month's election, counted.
  const [past] = await tx
    .insert(elections)
    .values({
      title: "Moderators, autumn",
      seats: 2,
      nominationsCloseAt: new Date(now.getTime() - 24 * DAY),
      votingClosesAt: new Date(now.getTime() - 17 * DAY),
      termEndsAt: new Date(now.getTime() + 348 * DAY),
      createdBy: id("admin@commonplace.test"),
      ...seeded(),
    })
    .returning();
  const statements: [string, string][] = [
    ["moderator1@commonplace.test", "I have moderated a 4,000-member forum for six years. I hide as little as I can, and I always say why."],
    ["moderator2@commonplace.test", "Fair, quick and in the open: every decision I take will be in the log with a reason you can appeal."],
    ["curator2@commonplace.test", "I want moderation that protects newcomers without silencing disagreement."],
  ];
  const noms = await tx
    .insert(electionNominations)
    .values(statements.map(([email, statement]) => ({ electionId: past!.id, nomineeId: id(email), nominatedBy: id(email), statement, status: "accepted" as const, respondedAt: past!.nominationsCloseAt })))
    .returning({ id: electionNominations.id, nomineeId: electionNominations.nomineeId });
  const nom = (email: string) => noms.find((n) => n.nomineeId === id(email))!.id;
  const [m1, m2, c2] = [nom("moderator1@commonplace.test"), nom("moderator2@commonplace.test"), nom("curator2@commonplace.test")];
  const rankings = [[m1, c2], [m1, m2], [m2, m1], [c2, m2], [m2], [m1, m2, c2], [c2, m1], [m2, c2], [m1], []];
  await tx.insert(electionVoters).values(voters.slice(0, rankings.length).map((userId) => ({ electionId: past!.id, userId })));
  await tx.insert(electionBallots).values(
    rankings.slice(0, Math.min(rankings.length, voters.length)).map((ranking, i) => ({
      electionId: past!.id,
      ranking,
      // voters[0] is admin, voters[8] member1 (the order of DEMO_ACCOUNTS): member1 gets the known receipt.
      receiptHash: receiptHash(voters[i] === id("member1@commonplace.test") ? DEMO_RECEIPT : newReceipt()),
    })),
  );
  await countElection(tx, past!.id, now);

  // 2. This month's election: nominations open.
  const [open] = await tx
    .insert(elections)
    .values({
      title: "Moderators, winter by-election",
      seats: 1,
      nominationsCloseAt: new Date(now.getTime() + 5 * DAY),
      votingClosesAt: new Date(now.getTime() + 12 * DAY),
      termEndsAt: new Date(now.getTime() + 377 * DAY),
      createdBy: id("council1@commonplace.test"),
      ...seeded(),
    })
    .returning();
  await scheduleDeadline(tx, "election.count", open!.id, open!.votingClosesAt);
  await tx.insert(electionNominations).values([
    { electionId: open!.id, nomineeId: id("member2@commonplace.test"), nominatedBy: id("member2@commonplace.test"), statement: "New to moderating, but I read every thread in Strategy.", status: "accepted", respondedAt: now },
    { electionId: open!.id, nomineeId: id("member1@commonplace.test"), nominatedBy: id("council1@commonplace.test"), note: "Mel keeps the health threads calm and kind.", status: "pending" },
  ]);

  // 3. Decisions of each kind.
  type Kind = "consent" | "approval" | "ranked" | "score";
  const decision = async (d: { question: string; details: string; kind: Kind; electorate: "members" | "theme" | "council"; theme?: string; options?: string[]; seats?: number; anonymous: boolean; closesIn: number; opener: string; openedAs: "council" | "curator" | "member"; status?: "seeking_seconds"; seconds?: number }) => {
    const [row] = await tx
      .insert(decisions)
      .values({
        question: d.question,
        details: d.details,
        kind: d.kind,
        electorate: d.electorate,
        themeId: d.theme ? ctx.themeId(d.theme) : null,
        seats: d.seats ?? 1,
        anonymous: d.anonymous,
        status: d.status ?? "open",
        secondsRequired: d.seconds ?? 0,
        closesAt: new Date(now.getTime() + d.closesIn * DAY),
        openedBy: id(d.opener),
        openedAs: d.openedAs,
        createdAt: new Date(now.getTime() + Math.min(0, d.closesIn - 7) * DAY),
        ...seeded(),
      })
      .returning();
    // The worker closes it on time, like any other (closed ones are closed just below).
    await scheduleDeadline(tx, "decision.close", row!.id, row!.closesAt);
    const options = d.options?.length ? await tx.insert(decisionOptions).values(d.options.map((label, position) => ({ decisionId: row!.id, label, position }))).returning() : [];
    return { id: row!.id, options: options.map((o) => o.id) };
  };
  const votes = (decisionId: string, choices: DecisionChoice[]) =>
    choices.length ? tx.insert(decisionVotes).values(choices.map((choice, i) => ({ decisionId, userId: voters[i % voters.length]!, choice }))) : Promise.resolve();

  const guidelines = await decision({ question: "Adopt the community guidelines, draft 3?", details: "The draft the moderators published after the summer consultation.", kind: "consent", electorate: "members", anonymous: false, closesIn: -3, opener: "council1@commonplace.test", openedAs: "council" });
  await votes(guidelines.id, [{ consent: "agree" }, { consent: "agree" }, { consent: "agree" }, { consent: "abstain" }, { consent: "disagree", reason: "Too long for newcomers." }, { consent: "agree" }]);
  await closeDecision(tx, guidelines.id, now);

  const assembly = await decision({ question: "Where should the spring assembly be held?", details: "Ranked: the least preferred city drops out each round until one has a majority.", kind: "ranked", electorate: "members", options: ["Leeds", "Cardiff", "Glasgow", "Bristol"], anonymous: true, closesIn: -1, opener: "council2@commonplace.test", openedAs: "council" });
  const [leeds, cardiff, glasgow, bristol] = assembly.options;
  await votes(assembly.id, [[leeds, bristol], [glasgow, cardiff], [cardiff, glasgow], [bristol, leeds], [glasgow], [leeds, glasgow], [glasgow, leeds], [bristol, glasgow], [cardiff, leeds]].map((r) => ({ ranking: r as string[] })));
  await closeDecision(tx, assembly.id, now);

  const evenings = await decision({ question: "Which evenings suit branch meetings?", details: "Choose every evening you could usually make.", kind: "approval", electorate: "members", options: ["Monday", "Tuesday", "Wednesday", "Thursday"], anonymous: true, closesIn: 6, opener: "council1@commonplace.test", openedAs: "council" });
  await votes(evenings.id, [{ approve: [evenings.options[0]!, evenings.options[2]!] }, { approve: [evenings.options[2]!] }, { approve: [evenings.options[1]!, evenings.options[2]!] }]);

  const priorities = await decision({ question: "How much should each priority weigh in the health paper?", details: "Score each from 0 (leave it out) to 5 (lead with it).", kind: "score", electorate: "theme", theme: "health", options: ["Waiting lists", "Social care", "Prevention"], anonymous: false, closesIn: 4, opener: "curator1@commonplace.test", openedAs: "curator" });
  await votes(priorities.id, [{ scores: { [priorities.options[0]!]: 5, [priorities.options[1]!]: 4, [priorities.options[2]!]: 3 } }]);

  const council = await decision({ question: "Commission a paper on rural bus services?", details: "A council decision: commission it now or wait for the spring call.", kind: "consent", electorate: "council", anonymous: false, closesIn: 2, opener: "council1@commonplace.test", openedAs: "council" });
  await tx.insert(decisionVotes).values({ decisionId: council.id, userId: id("council1@commonplace.test"), choice: { consent: "agree" } });

  const reading = await decision({ question: "Start a reading group on the schools funding paper?", details: "Opened by a member: it needs seconds from the theme's participants before it opens.", kind: "consent", electorate: "theme", theme: "education", anonymous: false, closesIn: 10, opener: "member1@commonplace.test", openedAs: "member", status: "seeking_seconds", seconds: 3 });
  await tx.insert(decisionSeconds).values({ decisionId: reading.id, userId: id("curator1@commonplace.test") });
}
