import { STORAGE } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { expect, PASSAGE, test } from "./fixtures/discussion";

/** Comments in the thread (each is an article named after its author). */
const comments = (scope: Page | Locator) => scope.getByRole("article", { name: /^Comment by / });

test.describe("discussion", () => {
  test("a member replies three levels deep; another marks a comment useful and the order changes", async ({ makePaper, pageAs }) => {
    const paper = await makePaper();
    const { page, person: ann } = await pageAs({ name: "Ann Replier" });
    await page.goto(`/papers/${paper.id}`);
    await expect(page.getByRole("heading", { name: "No comments yet" })).toBeVisible();

    await page.getByRole("textbox", { name: "Your comment" }).fill("First point: the *timetable* is too short.");
    await page.getByRole("button", { name: "Post comment" }).click();
    const first = comments(page).filter({ hasText: "First point" }).first();
    await expect(first.getByText("timetable", { exact: true })).toBeVisible();

    await first.getByRole("button", { name: `Reply to ${ann.displayName}` }).first().click();
    await page.getByRole("textbox", { name: `Your reply to ${ann.displayName}` }).fill("Level two: because councils lack staff.");
    await page.getByRole("button", { name: "Post reply" }).click();
    const second = comments(first).filter({ hasText: "Level two" });
    await expect(second).toBeVisible();

    await second.getByRole("button", { name: `Reply to ${ann.displayName}` }).first().click();
    await page.getByRole("textbox", { name: `Your reply to ${ann.displayName}` }).fill("Level three: and training takes years.");
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(comments(second).filter({ hasText: "Level three" })).toBeVisible();

    await page.getByRole("textbox", { name: "Your comment" }).fill("Second point: fund it centrally.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(comments(page).filter({ hasText: "Second point" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Discussion \(4 comments\)/ })).toBeVisible();

    const order = async (p: typeof page) => {
      const texts = await comments(p).allInnerTexts();
      return [texts.findIndex((t) => t.includes("First point")), texts.findIndex((t) => t.includes("Second point"))] as const;
    };
    const [f0, s0] = await order(page);
    expect(f0).toBeLessThan(s0);

    const { page: other } = await pageAs({ name: "Bo Voter" });
    await other.goto(`/papers/${paper.id}`);
    const useful = comments(other).filter({ hasText: "Second point" }).getByRole("button", { name: /Useful/ });
    await expect(useful).toHaveAttribute("aria-pressed", "false");
    await useful.click();
    await expect(useful).toHaveAttribute("aria-pressed", "true");
    await expect(useful).toContainText("1");
    // Once the server has the vote, the thread re-renders with the comment moved up; a reload agrees.
    await expect.poll(async () => { const [f, s] = await order(other); return s < f; }).toBe(true);
    await other.reload();
    await expect(useful).toHaveAttribute("aria-pressed", "true");
    const [f1, s1] = await order(other);
    expect(s1).toBeLessThan(f1);
    // Newest order is there too, marked as the current one.
    await other.getByRole("link", { name: "Newest" }).click();
    await expect(other.getByRole("link", { name: "Newest" })).toHaveAttribute("aria-current", "true");
  });

  test("a permalink opens the thread at the right comment, highlighted and focused", async ({ page, makePaper, makeComment }) => {
    const paper = await makePaper();
    const top = await makeComment({ paperId: paper.id, body: "The top of the branch." });
    const middle = await makeComment({ paperId: paper.id, parentId: top.id, depth: 1, body: "The middle of the branch." });
    await makeComment({ paperId: paper.id, parentId: middle.id, depth: 2, body: "A reply below the target." });
    await makeComment({ paperId: paper.id, body: "An unrelated comment." });

    await page.goto(`/papers/${paper.id}`);
    await comments(page).filter({ hasText: "The middle of the branch." }).last().getByRole("link", { name: /^Permalink/ }).first().click();
    await expect(page).toHaveURL(new RegExp(`/papers/${paper.id}/c/${middle.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(paper.title);
    const target = page.locator(`#comment-${middle.id}`);
    await expect(target).toBeFocused();
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect(target.getByText("A reply below the target.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Earlier in this thread" })).toContainText("The top of the branch.");
    await expect(page.getByText("An unrelated comment.")).toHaveCount(0);
    await page.getByRole("link", { name: "← Show the whole discussion" }).click();
    await expect(page.getByText("An unrelated comment.")).toBeVisible();
  });

  test.describe("as a moderator", () => {
    test.use({ storageState: STORAGE.moderator });
    test("hides a comment with a reason, which members see and the moderation log lists", async ({ page, browser, makePaper, makeComment }) => {
      const paper = await makePaper();
      await makeComment({ paperId: paper.id, body: "Something out of line." });
      const reason = `Personal attack on another member (rule 2) ${Date.now()}`;
      await page.goto(`/papers/${paper.id}`);
      const comment = comments(page).filter({ hasText: "Something out of line." });
      await comment.getByRole("button", { name: "Hide" }).click();
      const dialog = page.getByRole("dialog", { name: "Hide this comment" });
      await dialog.getByRole("button", { name: "Hide comment" }).click();
      await expect(dialog.getByText(/Give a reason/)).toBeVisible();
      await dialog.getByRole("textbox", { name: "Reason" }).fill(reason);
      await dialog.getByRole("button", { name: "Hide comment" }).click();
      await expect(page.getByText(`Hidden by a moderator: ${reason}.`)).toBeVisible();
      await expect(comment.getByRole("button", { name: "Restore" })).toBeVisible();

      const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const visitorPage = await visitor.newPage();
      await visitorPage.goto(`/papers/${paper.id}`);
      await expect(visitorPage.getByText(`Hidden by a moderator: ${reason}`)).toBeVisible();
      await expect(visitorPage.getByText("Something out of line.")).toHaveCount(0);
      await visitor.close();

      await page.goto("/moderation-log");
      await expect(page.getByText(reason)).toBeVisible();
    });
  });

  test.describe("as a member", () => {
    test.use({ storageState: STORAGE.member });

    test("a failed post keeps its text, and a draft survives a reload", async ({ page, makePaper }) => {
      const paper = await makePaper();
      await page.goto(`/papers/${paper.id}`);
      const box = page.getByRole("textbox", { name: "Your comment" });

      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(page.getByText("Write your comment first.")).toBeVisible();

      const text = "A point I do not want to lose, about regional pay.";
      await box.fill(text);
      await page.route(`**/papers/${paper.id}`, (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "could not be sent" })).toBeVisible();
      await expect(box).toHaveValue(text);

      await page.unroute(`**/papers/${paper.id}`);
      await page.reload();
      await expect(page.getByText("Your unsent draft was restored.")).toBeVisible();
      await expect(box).toHaveValue(text);

      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(comments(page).filter({ hasText: text })).toBeVisible();
      await expect(box).toHaveValue("");
      await page.reload();
      await expect(box).toHaveValue("");
    });

    test("quoting a selected passage of the paper", async ({ page, makePaper }) => {
      const paper = await makePaper();
      await page.goto(`/papers/${paper.id}`);
      await page.evaluate((passage) => {
        const p = document.querySelector("#paper-body p")!;
        const node = p.firstChild!;
        const range = document.createRange();
        range.setStart(node, 0);
        range.setEnd(node, passage.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      }, PASSAGE);
      await page.getByRole("button", { name: "Quote in a comment" }).click();
      await expect(page.getByRole("textbox", { name: "Quoted passage (optional)" })).toHaveValue(PASSAGE);
      await expect(page.getByRole("textbox", { name: "Your comment" })).toBeFocused();
      await page.keyboard.type("This figure needs a source.");
      await page.getByRole("button", { name: "Post comment" }).click();
      const comment = comments(page).filter({ hasText: "This figure needs a source." });
      await expect(comment.getByRole("blockquote")).toHaveText(PASSAGE);
    });

    test("authors edit with a visible history and delete while replies stay", async ({ page, makePaper, makeComment }) => {
      const paper = await makePaper();
      await page.goto(`/papers/${paper.id}`);
      await page.getByRole("textbox", { name: "Your comment" }).fill("My first wording.");
      await page.getByRole("button", { name: "Post comment" }).click();
      const mine = comments(page).filter({ hasText: "My first wording." });
      await mine.getByRole("button", { name: "Edit" }).click();
      await page.getByRole("textbox", { name: "Edit your comment" }).fill("My better wording.");
      await page.getByRole("button", { name: "Save changes" }).click();
      const edited = comments(page).filter({ hasText: "My better wording." });
      await expect(edited.getByText("· edited")).toBeVisible();
      await edited.getByText(/Edit history/).click();
      await expect(edited.getByText("My first wording.")).toBeVisible();

      const id = (await edited.getAttribute("id"))!.replace("comment-", "");
      await makeComment({ paperId: paper.id, parentId: id, depth: 1, body: "A reply that must stay." });
      await page.reload();
      await comments(page).filter({ hasText: "My better wording." }).first().getByRole("button", { name: "Delete" }).first().click();
      await page.getByRole("dialog", { name: "Delete this comment?" }).getByRole("button", { name: "Delete comment" }).click();
      await expect(page.getByText("Comment deleted", { exact: true })).toBeVisible();
      await expect(page.getByText("My better wording.")).toHaveCount(0);
      await expect(page.getByText("A reply that must stay.")).toBeVisible();
    });
  });
});
