import { and, eq } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { expect, expectNoAxeViolations } from "./fixtures";
import { test } from "./fixtures/discussion";

const stamp = () => Date.now().toString(36);

test("a member mentions someone of the discussion from the keyboard; the comment shows their pseudonym and they are told", async ({ db, makePaper, makeComment, makePerson, pageAs }) => {
  const paper = await makePaper({ title: `Harbour tolls ${stamp()}` });
  const pseudonym = `Grey Heron ${stamp()}`;
  const heron = await makePerson({ name: `Realname Harbour ${stamp()}`, pseudonym });
  await makeComment({ paperId: paper.id, authorId: heron.id, body: "The tolls fund the dredging." });
  const { page, person: writer } = await pageAs();
  await page.goto(`/papers/${paper.id}`);

  const composer = page.getByRole("textbox", { name: "Your comment" });
  await composer.fill("I agree with ");
  await page.getByRole("button", { name: "Mention someone" }).click();
  const picker = page.getByRole("combobox", { name: "Mention someone in this discussion" });
  await expect(picker).toBeFocused();
  // The real name finds nobody: only public names are offered.
  await picker.fill("Realname");
  await expect(page.getByRole("status").filter({ hasText: "Nobody in this discussion by that name." })).toBeVisible();
  await picker.fill("grey");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  const options = page.getByRole("listbox", { name: "People to mention" }).getByRole("option");
  await expect(options).toHaveText([pseudonym]);
  await expectNoAxeViolations(page);
  await page.keyboard.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue(`I agree with @${pseudonym} `);
  await page.keyboard.type("on the dredging.");
  await page.getByRole("button", { name: "Post comment" }).click();

  const posted = page.getByRole("article", { name: `Comment by ${writer.displayName}` });
  await expect(posted).toContainText(`I agree with @${pseudonym} on the dredging.`);
  await expect(page.getByText(heron.displayName)).toHaveCount(0);
  await expect.poll(async () => (await db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.userId, heron.id), eq(notifications.kind, "mention")))).map((n) => n.title)).toEqual([
    `${writer.displayName} mentioned you on “${paper.title}”`,
  ]);
});

test("Escape closes the picker and gives focus back to its button; nobody outside a members-only discussion is offered", async ({ makePaper, makeComment, makePerson, pageAs }) => {
  const paper = await makePaper({ discussionPublic: false });
  const outsider = await makePerson({ name: `Unverified Outsider ${stamp()}`, standing: "registered" });
  await makeComment({ paperId: paper.id, authorId: outsider.id, body: "Written before the discussion closed to members." });
  const { page } = await pageAs();
  await page.goto(`/papers/${paper.id}`);
  const open = page.getByRole("button", { name: "Mention someone" });
  await open.click();
  const picker = page.getByRole("combobox", { name: "Mention someone in this discussion" });
  await picker.fill("Unverified");
  await expect(page.getByRole("status").filter({ hasText: "Nobody in this discussion by that name." })).toBeVisible();
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  await expect(open).toBeFocused();
});
