import { createTestPaper } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { memberPage } from "./fixtures/facts";

const BODY =
  "At the job centre in Rhyl my adviser, Mrs Price, told me my benefit would stop unless I took a night shift two buses away, although my son is four and there is no childcare at night.";
const REDACTED = "At the job centre my adviser told me my benefit would stop unless I took a night shift two buses away, although my son is four and there is no childcare at night.";

test("a story is attested, reviewed, redacted, approved, quoted in a paper's response and put in a press pack; consent is withdrawn, the curator gets the take-down list and the press pack leaves it out", async ({ browser, db, makePerson, makeTheme }) => {
  test.setTimeout(240_000);
  const theme = await makeTheme();
  const paper = await createTestPaper(db, { themeId: theme.id, title: `Welfare conditionality ${theme.slug}` });
  const teller = await makePerson();
  const witness = await makePerson();
  const curatorPerson = await makePerson({ curates: [theme.id] });
  const title = `Night shift or no benefit ${theme.slug}`;

  // The storyteller submits; a story without a place is refused with a message and the draft kept.
  const t = await memberPage(browser, teller);
  await t.page.goto("/stories/new");
  await t.page.getByLabel("Title").fill(title);
  await t.page.getByRole("textbox", { name: "Your story" }).fill(BODY);
  await t.page.getByLabel("When it happened").fill("2025-10-14");
  await t.page.getByLabel("Theme").selectOption({ label: theme.title });
  await t.page.getByLabel("It happened to me").check();
  await t.page.getByLabel("Anonymous quotation").check();
  await t.page.getByRole("button", { name: "Submit the story" }).click();
  await expect(t.page.getByLabel("Where it happened")).toHaveAccessibleDescription(/Say where it happened/);
  await expect(t.page.getByLabel("Title")).toHaveValue(title);
  await expect(t.page.getByRole("textbox", { name: "Your story" })).toHaveValue(BODY);
  await expect(t.page.getByLabel("Anonymous quotation")).toBeChecked();
  await t.page.getByLabel("Where it happened").fill("Rhyl");
  await t.page.getByRole("button", { name: "Submit the story" }).click();
  await expect(t.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(t.page.getByTestId("current-consent")).toContainText("Anonymous quotation");
  // The ledger keeps the exact words agreed, with their version.
  await expect(t.page.getByRole("region", { name: "Consent ledger, every change" })).toContainText("may be quoted without my name");
  const attestLink = new URL((await t.page.getByTestId("attest-link").innerText()).trim()).pathname;
  const storyUrl = new URL(t.page.url()).pathname;

  // Nobody attests their own story.
  await t.page.goto(attestLink);
  await t.page.getByLabel("How you know this happened").fill("It happened to me.");
  await t.page.getByRole("button", { name: "Attest this story" }).click();
  await expect(t.page.getByLabel("How you know this happened")).toHaveAccessibleDescription(/cannot attest your own story/);

  // A second member vouches for it.
  const w = await memberPage(browser, witness);
  await w.page.goto(attestLink);
  await w.page.getByLabel("How you know this happened").fill("I waited with her at the job centre that morning.");
  await w.page.getByRole("button", { name: "Attest this story" }).click();
  await expect(w.page.getByText("You have attested this story.")).toBeVisible();
  await w.context.close();

  // The curator reviews, accepts and redacts.
  const c = await memberPage(browser, curatorPerson);
  await c.page.goto("/stories/review");
  await c.page.getByRole("link", { name: title }).click();
  await expect(c.page.getByText(`${witness.displayName} (“I waited with her`)).toBeVisible();
  await c.page.getByRole("form", { name: "Review" }).getByLabel("Accept").check();
  await c.page.getByRole("button", { name: "Record the decision" }).click();
  await expect(c.page.getByRole("status").filter({ hasText: "Decision recorded" })).toBeVisible();
  await c.page.reload();
  await c.page.getByLabel("Redacted text").fill(REDACTED);
  await c.page.getByRole("button", { name: "Send to the storyteller for approval" }).click();
  await expect(c.page.getByRole("status").filter({ hasText: "Sent to the storyteller" })).toBeVisible();

  // The storyteller approves the redacted text.
  await t.page.goto(storyUrl);
  await expect(t.page.getByText(REDACTED)).toBeVisible();
  await t.page.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(t.page.getByText("redaction approved").first()).toBeVisible();

  // Quoting with the name is above the consent given: refused, nothing recorded.
  await c.page.goto(storyUrl);
  const quote = c.page.getByRole("form", { name: "Quote in a paper's response" });
  await quote.getByLabel("Paper whose response quotes it").selectOption({ label: paper.title });
  await quote.getByLabel("With the storyteller's name and place").check();
  await quote.getByRole("button", { name: "Quote in the response" }).click();
  await expect(c.page.getByRole("group", { name: "Attribution" })).toHaveAccessibleDescription(/cannot be used with its teller's name: its teller chose “Anonymous quotation”/);
  await expect(c.page.getByText("Not used anywhere yet.")).toBeVisible();
  // Anonymous is what was given: quoted, and the Response shows the approved text without the name.
  await c.page.getByRole("form", { name: "Quote in a paper's response" }).getByLabel("Anonymous (no name or place)").check();
  await c.page.getByRole("form", { name: "Quote in a paper's response" }).getByRole("button", { name: "Quote in the response" }).click();
  await expect(c.page).toHaveURL(new RegExp(`/papers/${paper.id}/response$`));
  const reader = await browser.newContext();
  const visitor = await reader.newPage();
  await visitor.goto(`/papers/${paper.id}/response?fresh=1`);
  await expect(visitor.getByRole("main")).toContainText(REDACTED);
  await expect(visitor.getByRole("main")).not.toContainText("Mrs Price");
  await expect(visitor.getByRole("main")).not.toContainText(teller.displayName);

  // Into a press pack for the theme.
  await c.page.goto(`/stories/press?theme=${theme.id}`);
  await c.page.getByLabel("Press pack title").fill(`Benefits: members' stories ${theme.slug}`);
  await c.page.getByRole("checkbox", { name: new RegExp(title) }).check();
  await c.page.getByRole("button", { name: "Make the press pack" }).click();
  await expect(c.page.getByRole("heading", { level: 1, name: `Benefits: members' stories ${theme.slug}` })).toBeVisible();
  await expect(c.page.getByRole("article")).toContainText(REDACTED);
  await expect(c.page.getByRole("article")).toContainText("A member (name withheld at their request)");
  await expect(c.page.getByRole("article")).not.toContainText("Rhyl");
  const packUrl = new URL(c.page.url()).pathname;
  const docx = await c.page.request.get(`${packUrl}/download?format=docx`);
  expect(docx.status()).toBe(200);
  expect(docx.headers()["content-type"]).toContain("wordprocessingml");
  const html = await (await c.page.request.get(`${packUrl}/download?format=html`)).text();
  expect(html).toContain(REDACTED);
  expect(html).not.toContain("Rhyl");

  // The storyteller withdraws consent, as easily as they gave it.
  await t.page.goto(storyUrl);
  await t.page.getByRole("button", { name: "Withdraw consent" }).click();
  await t.page.getByRole("dialog", { name: "Withdraw your consent?" }).getByRole("button", { name: "Withdraw now" }).click();
  await expect(t.page.getByRole("status").filter({ hasText: "The curators were asked to take it down from 2 places." }).first()).toBeVisible();
  await t.page.reload();
  await expect(t.page.getByTestId("current-consent")).toContainText("Withdrawn");

  // The curator gets the take-down list: the response quote and the press pack.
  await c.page.goto("/stories/takedowns");
  const items = c.page.getByRole("list", { name: "Uses to take down" }).getByRole("listitem").filter({ hasText: title });
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: `Response to “${paper.title}”` })).toHaveCount(1);
  await expect(items.filter({ hasText: "Press pack" })).toHaveCount(1);
  await c.page.goto("/notifications");
  await expect(c.page.getByText(/Consent changed: take down/).first()).toBeVisible();

  // The press pack now leaves it out, on the page and in the download.
  await c.page.goto(packUrl);
  await expect(c.page.getByText("No story in this pack may be used at present.")).toBeVisible();
  await expect(c.page.getByText(/left out: the teller's consent no longer allows it/)).toBeVisible();
  const after = await (await c.page.request.get(`${packUrl}/download?format=html`)).text();
  expect(after).not.toContain(REDACTED);
  // The quoted story's public page is gone too.
  expect((await visitor.goto(`/stories/quoted/${storyUrl.split("/").pop()}`))?.status()).toBe(404);

  // Marking a take-down done removes it from the list.
  await c.page.goto("/stories/takedowns");
  await items.filter({ hasText: "Press pack" }).getByRole("button", { name: /Mark as taken down/ }).click();
  await expect(items).toHaveCount(1);
  await reader.close();
  await t.context.close();
  await c.context.close();
});

test("a story is private to its teller and the theme's curators, and consent can be lowered but not raised by lowering", async ({ browser, makePerson, makeTheme, page }) => {
  test.setTimeout(90_000);
  const theme = await makeTheme();
  const teller = await makePerson();
  const stranger = await makePerson();
  const t = await memberPage(browser, teller);
  await t.page.goto("/stories/new");
  await t.page.getByLabel("Title").fill(`Closed library ${theme.slug}`);
  await t.page.getByRole("textbox", { name: "Your story" }).fill("The library where I did my homework closed on Saturdays, then on weekdays after four, then altogether last spring.");
  await t.page.getByLabel("When it happened").fill("2025-04-01");
  await t.page.getByLabel("Where it happened").fill("Wrexham");
  await t.page.getByLabel("Theme").selectOption({ label: theme.title });
  await t.page.getByLabel("I saw it happen (a witness)").check();
  await t.page.getByLabel("Named, may be given to the press").check();
  await t.page.getByRole("button", { name: "Submit the story" }).click();
  await expect(t.page.getByTestId("current-consent")).toContainText("Named, may be given to the press");
  const storyUrl = t.page.url();

  // Lowering offers only lower levels; it is recorded in the ledger.
  const lower = t.page.getByRole("form", { name: "Lower your consent" });
  await expect(lower.getByLabel("New level").locator("option")).toHaveText(["Internal only", "Anonymous quotation"]);
  await lower.getByLabel("New level").selectOption({ label: "Internal only" });
  await lower.getByRole("button", { name: "Lower my consent" }).click();
  await expect(t.page.getByRole("status").filter({ hasText: "Your consent is now: Internal only." }).first()).toBeVisible();
  await t.page.reload();
  await expect(t.page.getByRole("region", { name: "Consent ledger, every change" }).getByRole("row")).toHaveCount(3);

  // Another member, and a visitor, cannot see it: not found.
  const s = await memberPage(browser, stranger);
  expect((await s.page.goto(storyUrl))?.status()).toBe(404);
  expect((await page.goto(storyUrl))?.status()).toBe(404);
  await t.context.close();
  await s.context.close();
});
