/**
 * Thread digests: a curator publishes Digest v1 and v2 of a paper's discussion, each point citing
 * comments picked in the thread; v2 starts from v1 and offers the comments posted since; the
 * comments then show which digest took them in. A point with no source is refused and changes nothing.
 */
import { eq } from "drizzle-orm";
import { digestPoints, digests } from "@/db/schema";
import { createTestComment, createTestPaper, uniqueSuffix } from "@/lib/testing/factories";
import { openAs } from "./fixtures/collab";
import { expect, test } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

test("a curator publishes Digest v1 and v2 citing comments, and a comment shows which digest took it in", async ({ browser, db, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const paper = await createTestPaper(db, { themeId: theme.id, title: `Digested paper ${uniqueSuffix()}` });
  await createTestComment(db, { paperId: paper.id, body: "Shorter waits are what everyone here wants." });
  await createTestComment(db, { paperId: paper.id, body: "Using private hospitals is the quickest fix." });
  const curator = await makePerson({ name: "Curt Digest", curates: [theme.id] });
  const { page, context } = await openAs(browser, curator, `/papers/${paper.id}/digests`);
  await expect(page.getByText("No digest of this discussion has been published yet.")).toBeVisible();
  await page.getByRole("button", { name: "Write Digest v1" }).click();
  await expect(page.getByRole("heading", { name: `Draft of Digest v1: ${paper.title}` })).toBeVisible();

  // No source: refused next to the field, nothing stored, the text kept.
  await page.getByLabel("The point").fill("Everyone wants shorter waits");
  await page.getByRole("button", { name: "Add point" }).click();
  await expect(page.getByText("Cite at least one comment from the thread: every point says where it comes from.")).toBeVisible();
  await expect(page.getByLabel("The point")).toHaveValue("Everyone wants shorter waits");
  const [draft] = await db.select({ id: digests.id }).from(digests).where(eq(digests.paperId, paper.id));
  expect(await db.select().from(digestPoints).where(eq(digestPoints.digestId, draft!.id))).toHaveLength(0);

  await page.getByLabel(/Shorter waits are what everyone here wants/).check();
  await page.getByRole("button", { name: "Add point" }).click();
  const consensus = page.getByRole("region", { name: "Consensus" });
  await expect(consensus.getByText("Everyone wants shorter waits", { exact: true })).toBeVisible();
  await expect(consensus.getByRole("link", { name: /Shorter waits are what everyone here wants/ })).toBeVisible();
  await page.getByRole("button", { name: "Publish Digest v1" }).click();
  await expect(page.getByRole("heading", { name: `Digest v1: ${paper.title}` })).toBeVisible();

  // Something new is said; v2 starts from v1 and offers the new comment.
  await createTestComment(db, { paperId: paper.id, body: "Nobody has asked how social care fits in." });
  await page.getByRole("button", { name: "Start Digest v2" }).click();
  await expect(page.getByRole("heading", { name: `Draft of Digest v2: ${paper.title}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Consensus" }).getByText("Everyone wants shorter waits", { exact: true })).toBeVisible();
  await expect(page.getByText("Posted since v1 and not cited yet:")).toBeVisible();
  await page.getByLabel("Heading").selectOption("open_question");
  await page.getByLabel("The point").fill("How social care fits in");
  await page.getByLabel(/Nobody has asked how social care fits in/).check();
  await page.getByRole("button", { name: "Add point" }).click();
  await expect(page.getByRole("region", { name: "Open questions" }).getByText("How social care fits in", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish Digest v2" }).click();
  await expect(page.getByRole("heading", { name: `Digest v2: ${paper.title}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Open questions" }).getByText("New in v2")).toBeVisible();
  await context.close();

  // A member reading the thread sees which digest took each comment in.
  const reader = await openAs(browser, await makePerson({ name: "Rhea Der" }), `/papers/${paper.id}`);
  const cited = reader.page.getByRole("article", { name: /Comment by/ }).filter({ hasText: "Nobody has asked how social care fits in." });
  await expect(cited.getByRole("link", { name: "In Digest v2" })).toBeVisible();
  const uncited = reader.page.getByRole("article", { name: /Comment by/ }).filter({ hasText: "Using private hospitals is the quickest fix." });
  await expect(uncited.getByRole("link", { name: /In Digest/ })).toHaveCount(0);
  await cited.getByRole("link", { name: "In Digest v2" }).click();
  await expect(reader.page.getByRole("heading", { name: `Digest v2: ${paper.title}` })).toBeVisible();
  await reader.context.close();
});
