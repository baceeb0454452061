/**
 * Builders for tests (Vitest integration tests and Playwright fixtures): real rows in the test
 * database, each with unique names so tests never depend on one another.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { comments, membershipRoll, paperVersions, papers, responses, roleGrants, themes, users } from "@/db/schema";
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
  /** Shown by this pseudonym (usePseudonym on). */
  pseudonym?: string;
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
      pseudonym: spec.pseudonym ?? null,
      usePseudonym: spec.pseudonym !== undefined,
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

/** A paper straight into the database, by default published (version 1) in a fresh theme. */
export async function createTestPaper(
  db: Db,
  opts: { authorId?: string | null; themeId?: string; status?: "draft" | "submitted" | "returned" | "rejected" | "published"; hidden?: boolean; title?: string } = {},
) {
  const themeId = opts.themeId ?? (await createTestTheme(db)).id;
  const authorId = opts.authorId === undefined ? (await createPerson(db)).id : opts.authorId;
  const status = opts.status ?? "published";
  const title = opts.title ?? `Paper ${uniqueSuffix()}`;
  const content = { type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text: "A paper made for a test." }] }] };
  const [paper] = await db
    .insert(papers)
    .values({
      themeId,
      authorId,
      status,
      title,
      content,
      publishedVersion: status === "published" ? 1 : 0,
      publishedAt: status === "published" ? new Date() : null,
      submittedAt: status === "draft" ? null : new Date(),
      hiddenAt: opts.hidden ? new Date() : null,
      hiddenReason: opts.hidden ? "Hidden for a test." : null,
    })
    .returning();
  if (status === "published") {
    await db.insert(paperVersions).values({ paperId: paper!.id, number: 1, title, content, html: "<p>A paper made for a test.</p>", plainText: "A paper made for a test.", wordCount: 6 });
    // As reviewPaper does: a published paper has its Response.
    await db.insert(responses).values({ paperId: paper!.id });
  }
  return paper!;
}

/** A comment straight into the database. */
export async function createTestComment(db: Db, opts: { paperId: string; authorId?: string | null; parentId?: string | null; body?: string; depth?: number; hidden?: boolean; deleted?: boolean }) {
  const authorId = opts.authorId === undefined ? (await createPerson(db)).id : opts.authorId;
  const body = opts.body ?? `A comment made for a test ${uniqueSuffix()}.`;
  const [comment] = await db
    .insert(comments)
    .values({
      paperId: opts.paperId,
      parentId: opts.parentId ?? null,
      authorId,
      depth: opts.depth ?? 0,
      body: opts.deleted ? "" : body,
      bodyHtml: opts.deleted ? "" : `<p>${body}</p>`,
      hiddenAt: opts.hidden ? new Date() : null,
      hiddenReason: opts.hidden ? "Hidden for a test." : null,
      deletedAt: opts.deleted ? new Date() : null,
    })
    .returning();
  return comment!;
}
