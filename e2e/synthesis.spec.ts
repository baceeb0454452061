/**
 * A theme's synthesis: its curator co-edits it, a member reads it live but can only suggest, and
 * a Response that changes after the synthesis was last edited is flagged on the synthesis page.
 */
import { eq } from "drizzle-orm";
import { syntheses } from "@/db/schema";
import { createTestPaper, uniqueSuffix } from "@/lib/testing/factories";
import { editorOf, expectConnected, openAs, typeAtEnd } from "./fixtures/collab";
import { expect, test } from "./fixtures";

const word = (tag: string) => `${tag}${uniqueSuffix().replace(/[^a-z]/g, "")}`;

test.describe.configure({ timeout: 90_000 });

test("the curator writes the synthesis, a member suggests, and a Response changed since is flagged", async ({ browser, db, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const paper = await createTestPaper(db, { themeId: theme.id, title: `Sourced paper ${uniqueSuffix()}` });
  const url = `/themes/${theme.slug}/synthesis`;
  const curator = await openAs(browser, await makePerson({ name: "Cura Tor", curates: [theme.id] }), url);
  const memberPerson = await makePerson({ name: "Mem Ber" });
  const member = await openAs(browser, memberPerson, url);

  await expectConnected(curator.page);
  const first = word("synth");
  await typeAtEnd(curator.page, first, "Synthesis text");

  // The member reads it live, cannot change it, and is told why.
  await expect(editorOf(member.page, "Synthesis text")).toContainText(first);
  await expect(editorOf(member.page, "Synthesis text")).toHaveAttribute("contenteditable", "false");
  await expect(member.page.getByRole("status").filter({ hasText: "Read only: only the theme’s curators edit the synthesis" })).toBeVisible();

  // ... but suggests, with the error next to the field first (only spaces get past the browser's check).
  await member.page.getByLabel("Your suggestion").fill("   ");
  await member.page.getByRole("button", { name: "Suggest" }).click();
  await expect(member.page.getByText("Write your suggestion.")).toBeVisible();
  const idea = word("idea");
  await member.page.getByLabel("Your suggestion").fill(`Mention **${idea}** please`);
  await member.page.getByRole("button", { name: "Suggest" }).click();
  const suggestion = member.page.getByRole("article", { name: "Suggestion by Mem Ber" });
  await expect(suggestion.getByText(idea)).toBeVisible();
  await expect(suggestion.locator("strong")).toHaveText(idea);

  // The sidecar records the synthesis's edit; the paper's Response is listed, not yet flagged.
  await expect.poll(async () => (await db.select({ at: syntheses.contentUpdatedAt }).from(syntheses).where(eq(syntheses.themeId, theme.id)))[0]?.at ?? null, { timeout: 15_000 }).not.toBeNull();
  const source = (page: typeof member.page) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Response to “${paper.title}”` }) });
  await member.page.reload();
  await expect(source(member.page)).toBeVisible();
  await expect(source(member.page).getByText("Changed since the synthesis was last edited")).toHaveCount(0);

  // A member edits the Response: the synthesis page flags it.
  await source(member.page).getByRole("link").click();
  await expectConnected(member.page);
  await typeAtEnd(member.page, word("resp"));
  await member.page.goto(url);
  await expect(async () => {
    await member.page.reload();
    await expect(source(member.page).getByText("Changed since the synthesis was last edited")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // The curator takes it in: once the synthesis is edited again, the flag goes.
  await typeAtEnd(curator.page, ` ${word("more")}`, "Synthesis text");
  await expect(async () => {
    await curator.page.reload();
    await expect(source(curator.page)).toBeVisible({ timeout: 1000 });
    await expect(source(curator.page).getByText("Changed since the synthesis was last edited")).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});
