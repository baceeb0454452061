import { expect, STORAGE, test } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * A decision of each kind, opened by a council member through the form with a closing time a
 * minute or so away, voted on by a member, and closed on time by the job worker by itself: the
 * page shows the outcome without anyone pressing anything.
 */
test.describe.configure({ timeout: 300_000 });

const inUtc = (ms: number) => new Date(ms).toISOString().slice(0, 19);

async function openDecision(page: Page, d: { question: string; kind: RegExp; options?: string[]; closesAt: number }) {
  await page.goto("/governance/decisions/new");
  await page.getByLabel("Question").fill(d.question);
  await page.getByLabel(d.kind).check();
  if (d.options) await page.getByLabel("Options, one a line").fill(d.options.join("\n"));
  await page.getByLabel("Who decides").selectOption("members");
  await page.getByLabel(/Anonymous: only the counts/).check();
  await page.getByLabel("Closes (UTC)").fill(inUtc(d.closesAt));
  await page.getByRole("button", { name: "Open the decision" }).click();
  await expect(page.getByRole("heading", { level: 1, name: d.question })).toBeVisible();
  await expect(page.getByText("Anonymous voting")).toBeVisible();
  return page.url();
}

test("consent, approval, ranked and score decisions each close on time by themselves", async ({ browser }) => {
  const council = await (await browser.newContext({ storageState: STORAGE.council })).newPage();
  const member = await (await browser.newContext({ storageState: STORAGE.member })).newPage();
  const stamp = Date.now();
  const closesAt = stamp + 100_000;

  // A closing time in the past is refused next to its field, and what was typed stays.
  await council.goto("/governance/decisions/new");
  await council.getByLabel("Question").fill(`Too late ${stamp}?`);
  await council.getByLabel("Closes (UTC)").fill(inUtc(stamp - 60_000));
  await council.getByRole("button", { name: "Open the decision" }).click();
  await expect(council.getByText("The closing time must be in the future.")).toBeVisible();
  await expect(council.getByLabel("Question")).toHaveValue(`Too late ${stamp}?`);

  const consent = await openDecision(council, { question: `Adopt the agenda ${stamp}?`, kind: /^Consent/, closesAt });
  await member.goto(consent);
  await member.getByLabel("Disagree", { exact: true }).check();
  await member.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(member.getByRole("main").getByText("Your vote is saved")).toBeVisible();
  await member.reload();
  await member.getByLabel("Agree", { exact: true }).check();
  await member.getByRole("button", { name: "Change my vote" }).click();
  await expect(member.getByRole("main").getByText("Your vote is saved")).toBeVisible();

  const approval = await openDecision(council, { question: `Which mornings ${stamp}?`, kind: /^Approval/, options: ["Monday", "Friday"], closesAt });
  await member.goto(approval);
  await member.getByLabel("Friday").check();
  await member.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(member.getByRole("main").getByText("Your vote is saved")).toBeVisible();

  const ranked = await openDecision(council, { question: `Which city ${stamp}?`, kind: /^Ranked choice/, options: ["Leeds", "Cardiff", "Glasgow"], closesAt });
  await member.goto(ranked);
  await member.getByLabel("Glasgow").selectOption("1");
  await member.getByLabel("Leeds").selectOption("1");
  await member.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(member.getByText("Two options are ranked 1")).toBeVisible();
  await member.getByLabel("Leeds").selectOption("2");
  await member.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(member.getByRole("main").getByText("Your vote is saved")).toBeVisible();

  const score = await openDecision(council, { question: `Rate the venues ${stamp}`, kind: /^Score/, options: ["Hall", "Library"], closesAt });
  await member.goto(score);
  await member.getByLabel("Hall").selectOption("2");
  await member.getByLabel("Library").selectOption("5");
  await member.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(member.getByRole("main").getByText("Your vote is saved")).toBeVisible();

  const outcomes: [string, string | RegExp][] = [
    [consent, "Agreed: more agree than disagree, and no one blocked."],
    [approval, "Friday is approved by most (1)."],
    [ranked, /^Glasgow wins \(instant-runoff, \d rounds?\)\.$/],
    [score, "Library has the highest average score (5.00)."],
  ];
  for (const [url, outcome] of outcomes) {
    await expect(async () => {
      await member.goto(url);
      await expect(member.getByTestId("outcome")).toHaveText(outcome, { timeout: 1000 });
    }).toPass({ timeout: 150_000, intervals: [3000] });
  }
  // Closed means closed: the vote form is gone and the rounds are shown for the ranked one.
  await member.goto(ranked);
  await expect(member.getByRole("button", { name: /Vote|Change my vote/ })).toHaveCount(0);
  await expect(member.getByRole("region", { name: /The count, round by round/ })).toBeVisible();
});
