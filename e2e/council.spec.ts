import { eq, inArray } from "drizzle-orm";
import { appeals, councilDraws, drawEntries, users } from "@/db/schema";
import { createTestComment, createTestPaper, TEST_PASSWORD, uniqueSuffix } from "@/lib/testing/factories";
import { openAs } from "./fixtures/collab";
import { DEMO_PASSWORD, expect, STORAGE, test } from "./fixtures";
import type { Page } from "@playwright/test";
import type { Db } from "@/db";

/**
 * The council's journeys: a draw from its announcement to its verify page, and an appeal heard
 * by a panel drawn by lot from the council. They run one after the other because a council draw
 * seats a new council, and an appeal's panel must be drawn from a council that stays put.
 */
test.describe.configure({ mode: "serial", timeout: 240_000 });

/** A datetime-local value (UTC) at the start of the next whole minute, at least 5 s away. */
const nextMinute = () => new Date(Math.ceil((Date.now() + 5000) / 60_000) * 60_000);
const mainStatus = (page: Page, text: string | RegExp) => page.getByRole("main").getByRole("status").filter({ hasText: text });

test("a draw from its announcement to the verify page, with the volunteer's own chance and entry", async ({ browser, makePerson }) => {
  const stamp = uniqueSuffix();
  const title = `Council by lot ${stamp}`;
  // The only volunteer from Wales: with a quota of one seat for Wales, she is certain to be drawn.
  const volunteer = await openAs(browser, await makePerson({ name: `Wyn Volunteer ${stamp}` }), "/governance/council");
  await volunteer.page.getByLabel("Region").selectOption("Wales");
  await volunteer.page.getByLabel("Gender").selectOption("Woman");
  await volunteer.page.getByRole("button", { name: "Join the pool" }).click();
  await expect(mainStatus(volunteer.page, "You are in the pool for the next council draw.")).toBeVisible();

  const admin = await (await browser.newContext({ storageState: STORAGE.admin })).newPage();
  await admin.goto("/governance/council/draws/new");
  await admin.getByLabel("Title").fill(title);
  await admin.getByLabel("Seats").fill("5");
  await admin.getByLabel("Min Wales").fill("3");
  // Quotas that cannot be met are named with the shortfall, and nothing is committed.
  await admin.getByRole("button", { name: "Check the quotas" }).click();
  await expect(admin.getByRole("main").getByRole("alert")).toContainText("These quotas cannot be met, so nothing was committed.");
  await expect(admin.getByRole("main").getByRole("alert")).toContainText("only 1 volunteered, 2 short of the minimum");
  await admin.getByRole("button", { name: "Announce the draw" }).click();
  await expect(admin.getByRole("main").getByRole("alert")).toContainText("2 short of the minimum");
  await expect(admin.getByLabel("Title")).toHaveValue(title);

  await admin.getByLabel("Min Wales").fill("1");
  const drawAt = nextMinute();
  await admin.getByLabel("Draw time (UTC)").fill(drawAt.toISOString().slice(0, 16));
  await admin.getByRole("button", { name: "Check the quotas" }).click();
  await expect(mainStatus(admin, /These quotas can be met from \d+ volunteers/)).toBeVisible();
  await admin.getByRole("button", { name: "Announce the draw" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(mainStatus(admin, "The draw is announced")).toBeVisible();
  await expect(admin.getByText("Secret until the draw runs")).toBeVisible();
  const drawUrl = new URL(admin.url()).pathname;

  // Before the draw the volunteer sees her chance and can check her own entry against the published hash.
  await volunteer.page.reload();
  const entry = volunteer.page.getByRole("listitem").filter({ has: volunteer.page.getByRole("link", { name: title }) }).filter({ hasText: "your pool id" });
  await expect(entry).toContainText("your chance 100.0%");
  await entry.getByText("Check your entry").click();
  const poolId = (await entry.locator("code").first().textContent())!;
  const secret = (await entry.getByText(/^Your secret:/).locator("code").first().textContent())!;
  await volunteer.page.goto(`${drawUrl}/verify`);
  await expect(mainStatus(volunteer.page, "Announcement checked")).toBeVisible();
  await volunteer.page.getByLabel("Pool id").fill(poolId);
  await volunteer.page.getByLabel("Secret").fill("0".repeat(32));
  await volunteer.page.getByRole("button", { name: "Check my entry" }).click();
  await expect(volunteer.page.getByText("That secret does not match this entry")).toBeVisible();
  await volunteer.page.getByLabel("Secret").fill(secret);
  await volunteer.page.getByRole("button", { name: "Check my entry" }).click();
  await expect(volunteer.page.getByText("Your entry is in the pool as you declared it. Your chance was 100.00%.")).toBeVisible();

  // It runs once, from the announced time: the button appears only then.
  await expect(admin.getByRole("button", { name: "Run the draw" })).toHaveCount(0);
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByRole("button", { name: "Run the draw" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [3000] });
  await admin.getByRole("button", { name: "Run the draw" }).click();
  await admin.getByRole("dialog", { name: "Run the draw now?" }).getByRole("button", { name: "Reveal the seed and draw" }).click();
  await expect(mainStatus(admin, "The draw has run")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Result" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Run the draw" })).toHaveCount(0);
  await expect(admin.getByText("Secret until the draw runs")).toHaveCount(0);

  // Anyone re-runs it in the browser from the published inputs.
  const visitor = await openAs(browser, null, `${drawUrl}/verify`);
  await expect(mainStatus(visitor.page, "Verified")).toContainText("re-running the draw gives exactly the published panel of 5 and reserve list of 5");
  await visitor.page.getByLabel("Pool id").fill(poolId);
  await visitor.page.getByLabel("Secret").fill(secret);
  await visitor.page.getByRole("button", { name: "Check my entry" }).click();
  await expect(visitor.page.getByText("Your chance was 100.00%. You were drawn.")).toBeVisible();

  // The volunteer holds the council role from her next request.
  await volunteer.page.goto("/governance/council");
  await expect(volunteer.page.getByRole("listitem").filter({ has: volunteer.page.getByRole("link", { name: title }) }).filter({ hasText: "your pool id" })).toContainText("you were drawn");
  await expect(volunteer.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Council" })).toBeVisible();
  await volunteer.page.goto("/moderation-log?kind=draw");
  await expect(volunteer.page.getByRole("listitem").filter({ hasText: "ran a draw by lot and revealed its seed" }).filter({ hasText: title })).toBeVisible();
  for (const p of [volunteer, visitor]) await p.context.close();
  await admin.context().close();
});

/** The people a panel draw seated, with the password their account was made with (demo accounts or test factories). */
async function panellists(db: Db, appealId: string) {
  const [appeal] = await db.select({ drawId: appeals.panelDrawId }).from(appeals).where(eq(appeals.id, appealId));
  const [draw] = await db.select({ result: councilDraws.result }).from(councilDraws).where(eq(councilDraws.id, appeal!.drawId!));
  const rows = await db
    .select({ poolId: drawEntries.poolId, email: users.email })
    .from(drawEntries)
    .innerJoin(users, eq(users.id, drawEntries.userId))
    .where(inArray(drawEntries.poolId, draw!.result!.panel));
  return draw!.result!.panel.map((poolId) => {
    const email = rows.find((r) => r.poolId === poolId)!.email;
    return { email, password: email.endsWith("@commonplace.test") ? DEMO_PASSWORD : TEST_PASSWORD };
  });
}

test("an appeal against a hidden comment, decided by a panel drawn from the council", async ({ browser, db, makePerson }) => {
  const stamp = uniqueSuffix();
  const authorPerson = await makePerson({ name: `Appellant ${stamp}` });
  const paper = await createTestPaper(db);
  const body = `Quoting the paper's own table ${stamp}.`;
  await createTestComment(db, { paperId: paper.id, authorId: authorPerson.id, body });

  // A moderator hides it, with a reason.
  const moderator = await (await browser.newContext({ storageState: STORAGE.moderator })).newPage();
  await moderator.goto(`/papers/${paper.id}`);
  await moderator.getByRole("article", { name: /^Comment by / }).filter({ hasText: body }).getByRole("button", { name: "Hide" }).click();
  const dialog = moderator.getByRole("dialog", { name: "Hide this comment" });
  await dialog.getByRole("textbox", { name: "Reason" }).fill(`Off topic ${stamp}`);
  await dialog.getByRole("button", { name: "Hide comment" }).click();
  await expect(moderator.getByText(`Hidden by a moderator: Off topic ${stamp}.`)).toBeVisible();

  // The author appeals with a statement.
  const author = await openAs(browser, authorPerson, "/governance/appeals");
  const statement = author.page.getByLabel(/^Your statement: Your comment “Quoting the paper's own table/);
  await statement.fill("I was quoting the paper, which is the topic.");
  await author.page.getByRole("button", { name: "File the appeal" }).click();
  await expect(author.page.getByRole("heading", { level: 1, name: "Appeal against a hidden comment" })).toBeVisible();
  await expect(mainStatus(author.page, "Your appeal is filed")).toBeVisible();
  await expect(author.page.getByText("Not drawn yet.")).toBeVisible();
  const appealUrl = new URL(author.page.url()).pathname;
  const appealId = appealUrl.split("/").pop()!;
  // Filed once: the same decision is no longer offered for appeal.
  await author.page.goto("/governance/appeals");
  await expect(author.page.getByLabel(/^Your statement: Your comment “Quoting the paper's own table/)).toHaveCount(0);
  await expect(author.page.getByRole("link", { name: "A hidden comment (your appeal)" })).toBeVisible();

  // A council member draws the panel by lot; the moderator who acted cannot be on it.
  const council = await (await browser.newContext({ storageState: STORAGE.council })).newPage();
  await council.goto(appealUrl);
  await council.getByRole("button", { name: "Draw the panel" }).click();
  await expect(mainStatus(council, "The panel has been drawn")).toContainText("Its members have been told.");
  const panelList = council.getByRole("region", { name: "Panel" }).getByRole("listitem");
  await expect(panelList).toHaveCount(3);
  await expect(panelList.filter({ hasText: "Mona Haddad" })).toHaveCount(0);
  await council.getByRole("link", { name: "The panel’s draw" }).click();
  await council.getByRole("link", { name: "Verify this draw" }).click();
  await expect(mainStatus(council, "Verified")).toBeVisible();

  // Two of the three agree: a majority decides, and restore restores.
  const [first, second] = await panellists(db, appealId);
  const outcomes = ["The appeal is decided when a majority of the panel agrees.", "With them the panel's majority has decided the appeal."];
  for (const [i, person] of [first!, second!].entries()) {
    const p = await openAs(browser, person, appealUrl);
    const findings = p.page.getByRole("region", { name: "Your findings" });
    await findings.getByLabel(/^Restore:/).check();
    await findings.getByLabel("Findings").fill(i === 0 ? "The comment quotes the paper; no rule was broken." : "Agreed: quoting the paper is on topic.");
    await findings.getByRole("button", { name: "Give my findings" }).click();
    await expect(mainStatus(p.page, "Your findings are recorded")).toContainText(outcomes[i]!);
    await p.context.close();
  }

  await author.page.goto(appealUrl);
  await expect(author.page.getByRole("heading", { name: /^Decision: Restore/ })).toBeVisible();
  await expect(author.page.getByText("Panellist 1: The comment quotes the paper; no rule was broken.")).toBeVisible();
  await author.page.goto(`/papers/${paper.id}`);
  await expect(author.page.getByText(body)).toBeVisible();

  // The moderator is told, and the outcome is in the public log.
  await moderator.goto("/notifications");
  await expect(moderator.getByText("Appeal decided: the comment decision is reversed (your decision)").first()).toBeVisible();
  await moderator.goto("/moderation-log?kind=appeal");
  await expect(moderator.getByRole("listitem").filter({ hasText: "recorded an appeal panel's decision" }).first()).toContainText("outcome: restore");
  await author.context.close();
  await moderator.context().close();
  await council.context().close();
});
