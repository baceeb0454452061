/**
 * Builders for tests (Vitest integration tests and Playwright fixtures): real rows in the test
 * database, each with unique names so tests never depend on one another.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { membershipRoll, roleGrants, themes, users } from "@/db/schema";
import type { GlobalRole } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/members/passwords";
import { rollHashes } from "@/lib/membership/keyed-hash";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export const uniqueSuffix = () => randomUUID().slice(0, 8);

export interface PersonSpec {
  name?: string;
  standing?: "registered" | "member" | "suspended";
  roles?: GlobalRole[];
  curates?: string[];
}

export async function createPerson(db: Db, spec: PersonSpec = {}) {
  const suffix = uniqueSuffix();
  const email = `person-${suffix}@example.test`;
  const standing = spec.standing ?? "member";
  const [user] = await db
    .insert(users)
    .values({
      email,
      passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
      displayName: spec.name ?? `Test Person ${suffix}`,
      verifiedAt: standing === "registered" ? null : new Date(),
      verifiedBy: standing === "registered" ? null : "admin",
      suspendedAt: standing === "suspended" ? new Date() : null,
      suspendedReason: standing === "suspended" ? "Suspended for a test." : null,
    })
    .returning({ id: users.id, displayName: users.displayName });
  const grants = [
    ...(spec.roles ?? []).map((role) => ({ userId: user!.id, role, themeId: null })),
    ...(spec.curates ?? []).map((themeId) => ({ userId: user!.id, role: "curator" as const, themeId })),
  ];
  if (grants.length) await db.insert(roleGrants).values(grants);
  return { id: user!.id, email, password: TEST_PASSWORD, displayName: user!.displayName };
}

export async function createTestTheme(db: Db, overrides: Partial<typeof themes.$inferInsert> = {}) {
  const suffix = uniqueSuffix();
  const [theme] = await db
    .insert(themes)
    .values({ slug: `theme-${suffix}`, title: `Theme ${suffix}`, description: "A theme made for a test.", position: 1000, ...overrides })
    .returning();
  return theme!;
}

/** A roll entry with a fresh member number; returns the plain values a person would type. */
export async function createRollEntry(db: Db, opts: { postcode?: string; email?: string } = {}) {
  const memberNumber = `T${Date.now().toString().slice(-7)}${Math.floor(Math.random() * 1000)}`;
  const postcode = opts.postcode ?? "EH1 1YZ";
  await db.insert(membershipRoll).values(rollHashes({ memberNumber, postcode, email: opts.email ?? null }));
  return { memberNumber, postcode };
}
