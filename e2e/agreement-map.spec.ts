/**
 * The agreement map: members vote on statements one at a time, the map (recomputed by the job
 * worker, not the request) shows their point, and two opted-in members near each other ask to be
 * in touch; names appear only once both have said yes. Bad input changes nothing.
 */
import { and, eq } from "drizzle-orm";
import { statements, statementVotes } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createStatement } from "@/lib/map/statements";
import { createPerson, createTestPaper } from "@/lib/testing/factories";
import { openAs } from "./fixtures/collab";
import { expect, test } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

const STATEMENTS = [
  "Bus fares should be capped across the region",
  "Every school should have a library with a librarian",
  "New homes must be built to zero-carbon standards",
  "Council meetings should be streamed and archived",
  "Parking charges should fund public transport",
  "Local shops should get business-rate relief",
  "Parks should stay open until midnight in summer",
  "The council should buy back its leisure centres",
];

test("members vote, see themselves on the map, find an opted-in member and both accept", async ({ browser, db, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const author = await loadActor(db, (await createPerson(db)).id);
  const ids: string[] = [];
  for (const body of STATEMENTS) ids.push((await createStatement(db, author, { themeId: theme.id, body })).id);
  // Two camps of other members, so the map has groups: one agrees with the first half, the other with the second.
  for (let p = 0; p < 12; p++) {
    const voter = (await createPerson(db)).id;
    await db.insert(statementVotes).values(ids.map((statementId, j) => ({ statementId, userId: voter, themeId: theme.id, value: (j < 4) === (p % 2 === 0) ? 1 : -1 })));
  }
  const url = `/themes/${theme.slug}/map`;
  const alice = await makePerson({ name: "Alice Mapvoter" });
  const bob = await makePerson({ name: "Bob Nearby" });
  // Bob votes like the first camp and opts in to be findable.
  const bobView = await openAs(browser, bob, url);
  await bobView.page.getByRole("button", { name: "Let members near me find me" }).click();
  await expect(bobView.page.getByText("Members near you on this map can now ask to be in touch.")).toBeVisible();
  await db.insert(statementVotes).values(ids.map((statementId, j) => ({ statementId, userId: bob.id, themeId: theme.id, value: j < 4 ? 1 : -1 })));

  // Alice votes on each statement as it is shown, agreeing with the first half.
  const aliceView = await openAs(browser, alice, url);
  const { page } = aliceView;
  for (let i = 0; i < STATEMENTS.length; i++) {
    const shown = (await page.locator("#vote-statement").textContent())!.trim();
    const j = STATEMENTS.indexOf(shown);
    expect(j).toBeGreaterThanOrEqual(0);
    await page.getByRole("group", { name: "Your vote" }).getByRole("button", { name: j < 4 ? "Agree" : "Disagree", exact: true }).click();
    await expect(page.getByText(`You have voted on ${i + 1} of ${STATEMENTS.length} statements.`)).toBeVisible();
  }
  await expect(page.getByText("You have voted on every statement.")).toBeVisible();

  // The worker recomputes the map a few seconds later; Alice's point appears, in a group.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("img", { name: `Opinion map of ${theme.title}` })).toContainText("You", { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByText(/You are in Group [A-E]\./)).toBeVisible();
  await page.getByText("The map as a table").click();
  await expect(page.getByRole("table", { name: /Share agreeing with each statement/ })).toContainText(STATEMENTS[0]!);

  // Bob is findable and near: Alice sees him without his name and asks.
  const people = page.getByRole("list", { name: "Findable members near you" });
  await expect(people.getByRole("listitem")).toHaveCount(1);
  await expect(people).toContainText("voted the same as you on 8 of 8 shared statements");
  await expect(page.getByText("Bob Nearby")).toHaveCount(0);
  await people.getByRole("button", { name: "Ask Member 1 to be in touch" }).click();
  await expect(people.getByText("Request sent", { exact: true })).toBeVisible();
  await expect(page.getByText("Your request is waiting for them")).toBeVisible();

  // Bob is told someone would like to be in touch, sees no name, and accepts.
  await bobView.page.reload();
  const request = bobView.page.getByRole("listitem").filter({ hasText: "A member near you would like to be in touch" });
  await expect(request).toBeVisible();
  await expect(bobView.page.getByText("Alice Mapvoter")).toHaveCount(0);
  await request.getByRole("button", { name: "Accept" }).click();
  await expect(bobView.page.getByText("Accepted: you can now see each other’s names.")).toBeVisible();
  await bobView.page.reload();
  await expect(bobView.page.getByText("In touch with Alice Mapvoter")).toBeVisible();
  await page.reload();
  await expect(page.getByText("In touch with Bob Nearby")).toBeVisible();
  await aliceView.context.close();
  await bobView.context.close();
});

test("a statement over the length limit and a vote on a hidden statement are refused with a clear message", async ({ browser, db, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const author = await loadActor(db, (await createPerson(db)).id);
  const { id } = await createStatement(db, author, { themeId: theme.id, body: "Street lights should be dimmed after midnight" });
  const member = await makePerson({ name: "Vera Voter" });
  const { page, context } = await openAs(browser, member, `/themes/${theme.slug}/map`);

  await page.getByLabel("Your statement").fill("A".repeat(300));
  await page.getByRole("button", { name: "Add statement" }).click();
  await expect(page.getByText(/Keep a statement to 280 characters/)).toBeVisible();
  await expect(page.getByLabel("Your statement")).toHaveValue("A".repeat(300));
  expect(await db.select().from(statements).where(eq(statements.themeId, theme.id))).toHaveLength(1);

  // A moderator hides the statement while it is on the member's screen.
  await expect(page.locator("#vote-statement")).toHaveText("Street lights should be dimmed after midnight");
  await db.update(statements).set({ hiddenAt: new Date(), hiddenReason: "Hidden for the test" }).where(eq(statements.id, id));
  await page.getByRole("group", { name: "Your vote" }).getByRole("button", { name: "Agree", exact: true }).click();
  await expect(page.getByRole("form", { name: "Vote" }).getByRole("alert")).toContainText("A moderator has hidden this statement");
  expect(await db.select().from(statementVotes).where(and(eq(statementVotes.statementId, id), eq(statementVotes.userId, member.id)))).toHaveLength(0);
  await context.close();
});

test("a member writes a statement beside a paper, another votes on it there, and the theme's map names the paper", async ({ browser, db, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const paper = await createTestPaper(db, { themeId: theme.id, title: "Community pharmacies as first stop" });
  const writer = await makePerson({ name: "Wanda Writer" });
  const voter = await makePerson({ name: "Victor Voter" });
  const first = await openAs(browser, writer, `/papers/${paper.id}`);
  await first.page.getByRole("link", { name: "Statements", exact: true }).click();
  await expect(first.page.getByRole("heading", { name: "Statements about “Community pharmacies as first stop”" })).toBeVisible();
  await expect(first.page.getByText("There are no statements about this paper yet.")).toBeVisible();
  await first.page.getByLabel("Your statement").fill("Pharmacists should prescribe for minor ailments");
  await first.page.getByRole("button", { name: "Add statement" }).click();
  await expect(first.page.getByText("Pharmacists should prescribe for minor ailments")).toBeVisible();
  await expect(first.page.getByText("You voted: agree")).toBeVisible();

  const second = await openAs(browser, voter, `/papers/${paper.id}/statements`);
  await expect(second.page.locator("#vote-statement")).toHaveText("Pharmacists should prescribe for minor ailments");
  await second.page.getByRole("group", { name: "Your vote" }).getByRole("button", { name: "Disagree", exact: true }).click();
  await expect(second.page.getByText("You have voted on every statement about this paper.")).toBeVisible();
  await expect(second.page.getByText("You voted: disagree")).toBeVisible();
  const [statement] = await db.select({ id: statements.id, paperId: statements.paperId }).from(statements).where(eq(statements.themeId, theme.id));
  expect(statement!.paperId).toBe(paper.id);

  await second.page.getByRole("link", { name: `agreement map of ${theme.title}` }).click();
  const item = second.page.getByRole("listitem").filter({ hasText: "Pharmacists should prescribe for minor ailments" });
  await expect(item.getByRole("link", { name: "Community pharmacies as first stop" })).toHaveAttribute("href", `/papers/${paper.id}/statements`);
  await first.context.close();
  await second.context.close();
});
