import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { directoryProfiles, skills } from "@/db/schema";
import { uniqueSuffix } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { memberPage } from "./fixtures/facts";

test.describe.configure({ timeout: 120_000 });

/** A skill of this test's own, so the matches are exactly the members made here. */
async function ownSkill(db: Db) {
  const suffix = uniqueSuffix();
  const skill = { slug: `beekeeping-${suffix}`, label: `Beekeeping ${suffix}` };
  await db.insert(skills).values(skill);
  return skill;
}

async function listed(db: Db, userId: string, values: Partial<typeof directoryProfiles.$inferInsert>) {
  await db.insert(directoryProfiles).values({ userId, nameVisibility: "members", skillsVisibility: "members", regionVisibility: "members", hoursVisibility: "members", contactVisibility: "members", ...values });
}

const inMonth = () => new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

test("a help request ranks its matches with the terms explained; an invitation is accepted and contact is exchanged with no e-mail on screen", async ({ browser, db, makePerson }) => {
  const skill = await ownSkill(db);
  const requester = await makePerson();
  const helper = await makePerson();
  const farAway = await makePerson();
  await listed(db, helper.id, { skills: [skill.slug], region: "Wales", hoursPerMonth: 10, contactPreference: "Phone 07700 900456 after 6pm" });
  await listed(db, farAway.id, { skills: [skill.slug], region: "Scotland", hoursPerMonth: 2 });

  const r = await memberPage(browser, requester);
  await r.page.goto("/help/new");
  await r.page.getByLabel("What help is needed").fill("Hives for the community garden");
  await r.page.getByLabel("Describe the work").fill("Two afternoons setting up hives in the community garden and showing volunteers how to look after them.");
  await r.page.getByRole("checkbox", { name: skill.label }).check();
  await r.page.getByLabel("Hours needed").fill("4");
  await r.page.getByLabel("Where").selectOption("Wales");
  await r.page.getByLabel("Deadline").fill(inMonth());
  await r.page.getByRole("button", { name: "Post the request" }).click();
  await expect(r.page.getByRole("heading", { level: 1, name: "Hives for the community garden" })).toBeVisible();
  await expect(r.page.getByText("Your request is posted.")).toBeVisible();

  // Ranked: the member in the request's region with the hours free comes first; each term is shown and explained.
  const matches = r.page.getByRole("list", { name: "Matches, best first" }).getByRole("listitem");
  await expect(matches).toHaveCount(2);
  await expect(matches.nth(0)).toContainText(helper.displayName);
  await expect(matches.nth(0)).toContainText("Skill fit 100 % · region 100 % · hours 100 %");
  await expect(matches.nth(1)).toContainText(farAway.displayName);
  await r.page.getByText("How the matches are ranked").click();
  await expect(r.page.getByText(/so the same few people are not asked every time/)).toBeVisible();
  await matches.nth(0).getByRole("button", { name: `Invite ${helper.displayName}` }).click();
  await expect(matches.nth(0)).toContainText("Invited, not answered yet");

  // The invitee answers on the site: yes opens a conversation with their contact preference.
  const h = await memberPage(browser, helper);
  await h.page.goto("/help/invitations");
  const invitation = h.page.getByRole("listitem").filter({ hasText: "Hives for the community garden" });
  await invitation.getByRole("button", { name: "Yes, I can help" }).click();
  await expect(h.page.getByRole("heading", { level: 1, name: `Conversation with ${requester.displayName}` })).toBeVisible();
  await expect(h.page.getByText("Phone 07700 900456 after 6pm")).toBeVisible();

  await r.page.goto("/messages");
  await r.page.getByRole("link", { name: helper.displayName }).click();
  await expect(r.page.getByText(`said yes to “Hives for the community garden”`)).toBeVisible();
  await expect(r.page.getByText("Phone 07700 900456 after 6pm")).toBeVisible();
  await r.page.getByLabel("Your message").fill("Thank you! Saturday at 2 at the garden gate?");
  await r.page.getByRole("button", { name: "Send" }).click();
  await expect(r.page.getByRole("list", { name: "Messages" })).toContainText("Saturday at 2 at the garden gate?");
  // No e-mail address anywhere on either side's screen.
  for (const page of [r.page, h.page]) {
    await page.reload();
    const text = await page.getByRole("main").innerText();
    expect(text).not.toMatch(/[^\s@]+@[^\s@]+\.[^\s@]+/);
    expect(text).not.toContain(helper.email);
    expect(text).not.toContain(requester.email);
  }

  // The request closes with what came of it, after a confirmation.
  await r.page.goto("/help");
  await r.page.getByRole("link", { name: "Hives for the community garden" }).click();
  await expect(r.page.getByRole("listitem").filter({ hasText: helper.displayName }).getByText("Said yes").first()).toBeVisible();
  await r.page.getByRole("button", { name: "Close the request" }).click();
  const dialog = r.page.getByRole("dialog", { name: "Close this request?" });
  await dialog.getByRole("button", { name: "Close the request" }).click();
  await expect(dialog.getByLabel("What came of it")).toHaveAccessibleDescription(/Say in a sentence/);
  await dialog.getByLabel("Outcome").selectOption({ label: "Met" });
  await dialog.getByLabel("What came of it").fill("Two hives are up and four volunteers trained.");
  await dialog.getByRole("button", { name: "Close the request" }).click();
  await expect(r.page.getByRole("heading", { name: "What came of it: Met" })).toBeVisible();
  await expect(r.page.getByText("Two hives are up and four volunteers trained.")).toBeVisible();
  await r.context.close();
  await h.context.close();
});

test("bad input: a request without skills or with a past deadline, and an invitation to a member who left the directory, get clear messages and change nothing", async ({ browser, db, makePerson }) => {
  const skill = await ownSkill(db);
  const requester = await makePerson();
  const leaver = await makePerson();
  await listed(db, leaver.id, { skills: [skill.slug], region: "London", hoursPerMonth: 5 });

  const r = await memberPage(browser, requester);
  await r.page.goto("/help/new");
  await r.page.getByLabel("What help is needed").fill("Honey for the fundraiser");
  await r.page.getByLabel("Describe the work").fill("Jars of honey and a stall at the branch fundraiser in the spring.");
  await r.page.getByLabel("Hours needed").fill("3");
  await r.page.getByLabel("Where").selectOption("remote");
  await r.page.getByLabel("Deadline").fill("2020-01-01");
  await r.page.getByRole("button", { name: "Post the request" }).click();
  await expect(r.page.getByText("Choose between 1 and 6 skills.")).toBeVisible();
  await expect(r.page.getByLabel("Deadline")).toHaveAccessibleDescription("The deadline cannot be in the past.");
  await expect(r.page.getByLabel("What help is needed")).toHaveValue("Honey for the fundraiser");
  await expect(r.page).toHaveURL(/\/help\/new$/);

  await r.page.getByRole("checkbox", { name: skill.label }).check();
  await r.page.getByLabel("Deadline").fill(inMonth());
  await r.page.getByRole("button", { name: "Post the request" }).click();
  await expect(r.page.getByRole("heading", { level: 1, name: "Honey for the fundraiser" })).toBeVisible();
  const match = r.page.getByRole("list", { name: "Matches, best first" }).getByRole("listitem").filter({ hasText: leaver.displayName });
  await expect(match).toBeVisible();

  // The member leaves the directory while the requester has the page open.
  const l = await memberPage(browser, leaver);
  await l.page.goto("/directory/profile");
  await l.page.getByRole("button", { name: "Leave the directory" }).click();
  await l.page.getByRole("dialog", { name: "Leave the directory?" }).getByRole("button", { name: "Leave now" }).click();
  await expect(l.page.getByRole("button", { name: "Rejoin the directory" })).toBeVisible();
  expect((await db.select({ listed: directoryProfiles.listed }).from(directoryProfiles).where(eq(directoryProfiles.userId, leaver.id)))[0]!.listed).toBe(false);

  await match.getByRole("button", { name: `Invite ${leaver.displayName}` }).click();
  await expect(match.getByRole("alert")).toHaveText(/has left the directory/);
  await r.page.reload();
  await expect(r.page.getByText("Nobody matches yet")).toBeVisible();
  await expect(r.page.getByRole("heading", { name: "Invitations" })).toHaveCount(0);
  await r.context.close();
  await l.context.close();
});
