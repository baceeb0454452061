import { count } from "drizzle-orm";
import type { Db } from "./index";
import { membershipRoll, roleGrants, themes, users } from "./schema";
import { hashPassword } from "@/lib/members/passwords";
import { rollHashes } from "@/lib/membership/keyed-hash";
import type { DemoContext } from "./demo/context";
import { seedConvergence } from "./demo/convergence";
import { seedCouncil } from "./demo/council";
import { seedDirectory } from "./demo/directory";
import { seedDiscussion } from "./demo/discussion";
import { seedFollowing } from "./demo/following";
import { seedFacts } from "./demo/facts";
import { seedGovernance } from "./demo/governance";
import { seedPapers } from "./demo/papers";

export const DEMO_PASSWORD = "commonplace-demo";

type DemoRole = "admin" | "council" | "moderator" | "fact_editor";
interface DemoAccount {
  email: string;
  name: string;
  pseudonym?: string;
  roles?: DemoRole[];
  curates?: string[];
  verified?: boolean;
  suspended?: string;
}

/** Twelve people covering every role of the brief, so anyone can try each one. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@commonplace.test", name: "Ada Okafor", roles: ["admin"] },
  { email: "council1@commonplace.test", name: "Cora Lindqvist", roles: ["council"] },
  { email: "council2@commonplace.test", name: "Cyril Mensah", roles: ["council"] },
  { email: "moderator1@commonplace.test", name: "Mona Haddad", roles: ["moderator"] },
  { email: "moderator2@commonplace.test", name: "Milo Brennan", roles: ["moderator"] },
  { email: "facts@commonplace.test", name: "Fay Nakamura", roles: ["fact_editor"] },
  { email: "curator1@commonplace.test", name: "Cal Whitfield", curates: ["education", "health"] },
  { email: "curator2@commonplace.test", name: "Cleo Marchetti", curates: ["strategy", "climate-energy"] },
  { email: "member1@commonplace.test", name: "Mel Adeyemi" },
  { email: "member2@commonplace.test", name: "Max Keller", pseudonym: "Red Kite" },
  { email: "registered@commonplace.test", name: "Rita Sousa", verified: false },
  { email: "suspended@commonplace.test", name: "Sam Doyle", suspended: "Repeated personal attacks after two warnings (demo)." },
];

export const DEMO_THEMES = [
  {
    slug: "education",
    title: "Education",
    colour: "#1d4ed8",
    description: "Schools, colleges and lifelong learning: funding, teachers' pay and workload, and who gets to learn what.",
    discussionPublic: true,
  },
  {
    slug: "health",
    title: "Health",
    colour: "#047857",
    description: "A public health service fit for the next thirty years: waiting lists, social care and prevention.",
    discussionPublic: true,
  },
  {
    slug: "strategy",
    title: "Strategy",
    colour: "#7c2d12",
    description: "How we organise, campaign and win: elections, alliances and the movement's own democracy. Discussion is for members only.",
    discussionPublic: false,
  },
  {
    slug: "climate-energy",
    title: "Climate and energy",
    colour: "#a16207",
    description: "A fair transition: home insulation, public energy, transport and jobs in the regions that feel it first.",
    discussionPublic: true,
  },
];

/** Member numbers on the demo roll, to try verification at sign-up. */
export const DEMO_ROLL = Array.from({ length: 20 }, (_, i) => ({
  memberNumber: `M${100001 + i}`,
  postcode: ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "LS1 4AP"][i % 5]!,
  email: i === 19 ? "roll-email@commonplace.test" : null,
}));

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

export async function seedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const themeRows = await tx
      .insert(themes)
      .values(DEMO_THEMES.map((t, position) => ({ ...t, position })))
      .returning({ id: themes.id, slug: themes.slug });
    const themeId = (slug: string) => themeRows.find((t) => t.slug === slug)!.id;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = new Date();
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          passwordHash,
          displayName: account.name,
          pseudonym: account.pseudonym ?? null,
          usePseudonym: !!account.pseudonym,
          verifiedAt: account.verified === false ? null : now,
          verifiedBy: account.verified === false ? null : "admin",
          verificationNote: account.verified === false ? "You signed up without a member number, and your e-mail is not on the roll." : null,
          suspendedAt: account.suspended ? now : null,
          suspendedReason: account.suspended ?? null,
        })
        .returning({ id: users.id });
      const grants = [
        ...(account.roles ?? []).map((role) => ({ userId: user!.id, role, themeId: null })),
        ...(account.curates ?? []).map((slug) => ({ userId: user!.id, role: "curator" as const, themeId: themeId(slug) })),
      ];
      if (grants.length) await tx.insert(roleGrants).values(grants);
    }
    await tx.insert(membershipRoll).values(DEMO_ROLL.map((r) => rollHashes(r))).onConflictDoNothing();
    const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
    const ctx: DemoContext = {
      tx,
      themeId,
      userId: (email) => userRows.find((u) => u.email === email)!.id,
      memberEmails: DEMO_ACCOUNTS.filter((a) => a.verified !== false && !a.suspended).map((a) => a.email),
    };
    const papers = await seedPapers(ctx);
    await seedDiscussion(ctx, papers);
    await seedFollowing(ctx, papers);
    await seedFacts(ctx);
    await seedGovernance(ctx);
    await seedConvergence(ctx);
    await seedCouncil(ctx, passwordHash);
    await seedDirectory(ctx);
  });
}

export function demoAccountsTable(): string {
  const rows = DEMO_ACCOUNTS.map((a) => {
    const role = a.suspended
      ? "suspended member"
      : a.verified === false
        ? "registered (unverified)"
        : [...(a.roles ?? []), ...(a.curates ? [`curator of ${a.curates.join(", ")}`] : [])].join(", ") || "member";
    return `  ${a.email.padEnd(30)} ${role}`;
  });
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD})`,
    ...rows,
    `Try verification at sign-up with member number ${DEMO_ROLL[0]!.memberNumber} and postcode ${DEMO_ROLL[0]!.postcode}.`,
  ].join("\n");
}
