import { createTestPaper } from "@/lib/testing/factories";
import { expect, expectNoAxeViolations, test } from "./fixtures";
import { factEditorPage, memberPage, uniqueWord } from "./fixtures/facts";

test("a fact is proposed, accepted, disputed, flagged, retracted to 0, and found by a misspelt word", async ({ browser, db, makePerson, page }) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  const statement = `${word} county council received 4,210 applications for home insulation grants in 2024.`;
  const proposer = await makePerson({ name: `Proposer ${word}` });
  const disputer = await makePerson({ name: `Disputer ${word}` });

  // A member proposes the fact; a bad source address is reported next to its field and nothing typed is lost.
  const member = await memberPage(browser, proposer);
  await member.page.goto("/facts/new");
  await member.page.getByLabel("The fact").fill(statement);
  await member.page.getByLabel("Figure (optional)", { exact: true }).fill("4210");
  await member.page.getByLabel("Unit").fill("applications");
  await member.page.getByLabel("Climate and energy").check();
  await member.page.getByLabel("Source 1 web address").fill("not a web address");
  await member.page.getByLabel("Source 1 title").fill("Home insulation grant applications, 2024");
  await member.page.getByLabel("Source 1 publisher").fill("Department for Energy Security and Net Zero");
  await member.page.getByLabel("Source 1 kind").selectOption({ label: "Official statistics" });
  await member.page.getByRole("button", { name: "Add another source" }).click();
  await member.page.getByLabel("Source 2 web address").fill("https://www.bbc.co.uk/news/insulation-grants");
  await member.page.getByLabel("Source 2 title").fill("Insulation grant demand rises");
  await member.page.getByLabel("Source 2 publisher").fill("BBC News");
  await member.page.getByLabel("Source 2 kind").selectOption({ label: "Reputable press" });
  await member.page.getByRole("button", { name: "Propose the fact" }).click();
  await expect(member.page.getByLabel("Source 1 web address")).toHaveAccessibleDescription(/full web address/);
  await expect(member.page.getByLabel("The fact")).toHaveValue(statement);
  await expect(member.page.getByLabel("Source 2 publisher")).toHaveValue("BBC News");
  await member.page.getByLabel("Source 1 web address").fill("https://www.gov.uk/government/statistics/home-insulation-2024");
  await member.page.getByRole("button", { name: "Propose the fact" }).click();
  await expect(member.page.getByRole("heading", { level: 1, name: statement })).toBeVisible();
  await expect(member.page.getByText("Thank you: your fact is proposed")).toBeVisible();
  const factUrl = member.page.url();

  // A visitor cannot see a proposal yet: the not-found page, not a page that merely lacks the heading.
  expect((await page.goto(factUrl))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: statement })).toHaveCount(0);

  // The fact editor accepts it from the review queue.
  const editor = await factEditorPage(browser);
  await editor.page.goto("/facts/review");
  await editor.page.getByRole("link", { name: statement }).click();
  await editor.page.getByRole("button", { name: "Accept the fact" }).click();
  await expect(editor.page.getByText("Accepted", { exact: false }).first()).toBeVisible();
  await expect(editor.page.getByRole("heading", { name: /Why it scores \d+/ })).toBeVisible();
  await expect(editor.page.getByText("Checked and accepted by a fact editor: +14")).toBeVisible();

  // The member cites it in a comment with the short syntax: the comment shows the fact as a chip.
  const factId = new URL(factUrl).pathname.split("/").pop()!;
  const paper = await createTestPaper(db);
  await member.page.goto(`/papers/${paper.id}`);
  await member.page.getByRole("textbox", { name: "Your comment" }).fill(`Before we argue, see [[fact:${factId.slice(0, 8)}]].`);
  await member.page.getByRole("button", { name: "Post comment" }).click();
  const chip = member.page.getByRole("link", { name: new RegExp(`^Fact: ${word}.*Hardness \\d+ out of 100\\.$`) });
  await expect(chip).toBeVisible();

  // And in the paper's response, through the co-editor's fact picker.
  await member.page.goto(`/papers/${paper.id}/response`);
  await expect(member.page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible({ timeout: 20_000 });
  const response = member.page.getByRole("textbox", { name: "Response text" });
  await response.click();
  await member.page.keyboard.type("Our answer rests on ");
  await member.page.getByRole("button", { name: "Cite a fact" }).click();
  const picker = member.page.getByRole("dialog", { name: "Cite a fact" });
  await picker.getByLabel("Search facts").fill(word);
  await picker.getByRole("button", { name: new RegExp(word, "i") }).first().click();
  await expect(response).toContainText(`[[fact:${factId}]]`);

  // Another member disputes it; the fact page flags it in words.
  const other = await memberPage(browser, disputer);
  await other.page.goto(factUrl);
  await other.page.getByText("Dispute this fact").click();
  await other.page.getByLabel("What is wrong with it").fill("The council counts applications, not homes: one home can apply twice.");
  await other.page.getByLabel("Counter-source web address").fill("https://fullfact.org/energy/insulation-grants");
  await other.page.getByRole("button", { name: "Open the dispute" }).click();
  await expect(other.page.getByText("Your dispute is open. Its discussion is below, under Disputes.")).toBeVisible();
  await other.page.reload();
  await expect(other.page.getByText("Disputed: one dispute is waiting for a fact editor.")).toBeVisible();
  await expect(other.page.getByText(/One open dispute waiting for a fact editor: −\d+/)).toBeVisible();
  await other.page.getByLabel("Add to the discussion").fill("The **source** says *applications*.");
  await other.page.getByRole("button", { name: "Post" }).click();
  await expect(other.page.getByRole("region", { name: /Discussion of the dispute/ }).locator("strong", { hasText: "source" })).toBeVisible();
  // The chip in the response, as readers see it, and the one in the comment are flagged too.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await expect(async () => {
    await readerPage.goto(`/papers/${paper.id}/response`);
    await expect(readerPage.getByRole("link", { name: new RegExp(`^Fact: ${word}.*Disputed\\.$`) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await reader.close();
  await member.page.goto(`/papers/${paper.id}`);
  await expect(member.page.getByRole("link", { name: new RegExp(`^Fact: ${word}.*Disputed\\.$`) })).toBeVisible();
  await other.page.setViewportSize({ width: 375, height: 812 });
  await expectNoAxeViolations(other.page);

  // The fact editor retracts it: it scores 0 and says why.
  await editor.page.reload();
  await editor.page.getByRole("button", { name: "Retract" }).click();
  const dialog = editor.page.getByRole("dialog", { name: "Retract this fact" });
  await dialog.getByLabel("Reason for retracting").fill("The source counts applications, not homes; the figure cannot stand as worded.");
  await dialog.getByRole("button", { name: "Retract the fact" }).click();
  await expect(editor.page.getByText("Retracted: a fact editor withdrew this fact. Do not rely on it.")).toBeVisible();
  await expect(editor.page.getByRole("heading", { name: "Why it scores 0" })).toBeVisible();
  await expect(editor.page.getByText("Retracted by a fact editor, so it scores 0 whatever its sources say")).toBeVisible();

  await member.page.goto(`/papers/${paper.id}`);
  await expect(member.page.getByRole("link", { name: new RegExp(`^Fact: ${word}.*Hardness 0 out of 100\\. Retracted\\.$`) })).toBeVisible();

  // Anyone finds it by a misspelt word, as they type; the result is flagged and the address is linkable.
  await page.goto("/facts");
  const typo = word.slice(0, 3) + word.slice(4);
  await page.getByLabel("Search facts").pressSequentially(typo.toLowerCase(), { delay: 40 });
  await expect(page.getByRole("status").filter({ hasText: `1 fact for “${word.toLowerCase()}”` })).toBeVisible();
  const result = page.getByRole("list", { name: "Facts found" }).getByRole("listitem");
  await expect(result).toHaveCount(1);
  await expect(result.getByRole("link")).toHaveText(statement);
  await expect(result).toContainText("Retracted");
  await expect(page).toHaveURL(new RegExp(`q=${typo.toLowerCase()}`));
  await page.reload();
  await expect(page.getByRole("list", { name: "Facts found" }).getByRole("link", { name: statement })).toBeVisible();

  for (const c of [member, editor, other]) await c.context.close();
});
