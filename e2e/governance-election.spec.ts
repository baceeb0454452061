import { eq } from "drizzle-orm";
import { elections } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createElection } from "@/lib/governance/elections";
import { expect, signIn, test } from "./fixtures";
import type { Browser } from "@playwright/test";

/**
 * An election from nomination to published ballots: members stand and nominate through the
 * page, the nominee accepts, members vote by rank, the worker counts it at its closing time by
 * itself, and a voter finds their own ballot in the published file with their receipt.
 */
test.describe.configure({ timeout: 240_000 });

async function as(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  return { context, page };
}

test("from nomination to published ballots, and a voter finds their ballot by receipt", async ({ browser, db, makePerson }) => {
  const admin = await makePerson({ roles: ["admin"] });
  const ann = await makePerson();
  const bob = await makePerson();
  const nominator = await makePerson();
  const voters = [await makePerson(), await makePerson(), await makePerson()];
  const now = Date.now();
  // Short periods so the journey runs in minutes; the count is the worker's, at the closing time.
  const electionId = await createElection(db, await loadActor(db, admin.id), {
    title: `Journey election ${now}`,
    seats: 1,
    nominationsCloseAt: new Date(now + 60_000),
    votingClosesAt: new Date(now + 120_000),
  });
  const url = `/governance/elections/${electionId}`;

  const a = await as(browser, ann);
  await a.page.goto(url);
  await a.page.getByLabel("Myself").check();
  await a.page.getByLabel("Your statement").fill("I will hide as little as I can and always say why.");
  await a.page.getByRole("button", { name: "Stand for election" }).click();
  await expect(a.page.getByRole("main").getByText("You are standing.")).toBeVisible();

  const n = await as(browser, nominator);
  await n.page.goto(url);
  await n.page.getByLabel("Another member").check();
  await n.page.getByLabel("Their name, as the site shows it").fill("Nobody By This Name");
  await n.page.getByRole("button", { name: "Nominate them" }).click();
  await expect(n.page.getByText("No verified member shows that name")).toBeVisible();
  await n.page.getByLabel("Their name, as the site shows it").fill(bob.displayName);
  await n.page.getByLabel("Why you nominate them").fill("Bob is fair to everyone.");
  await n.page.getByRole("button", { name: "Nominate them" }).click();
  await expect(n.page.getByRole("main").getByText("They stand once they accept.")).toBeVisible();

  const b = await as(browser, bob);
  await b.page.goto(url);
  await expect(b.page.getByRole("heading", { name: /You have been nominated by/ })).toBeVisible();
  await b.page.getByLabel("Your statement (to accept)").fill("Happy to serve a year.");
  await b.page.getByRole("button", { name: "Accept and stand" }).click();
  await expect(b.page.getByRole("main").getByText("You accepted: you are standing.")).toBeVisible();
  await b.page.reload();
  await expect(b.page.getByRole("heading", { name: bob.displayName, level: 3 })).toBeVisible();

  // Voting opens when nominations close.
  const sessions = [];
  for (const v of voters) sessions.push(await as(browser, v));
  const first = sessions[0]!.page;
  await expect(async () => {
    await first.goto(url);
    await expect(first.getByRole("heading", { name: "Vote" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [2000] });

  // A ballot with a gap is refused with a message, and nothing is cast.
  // (Two candidates offer ranks 1 and 2 only: a second preference with no first is the gap a voter can make.)
  await first.getByLabel(bob.displayName).selectOption("2");
  await first.getByRole("button", { name: "Cast my ballot" }).click();
  await expect(first.getByText("Your ranks skip 1")).toBeVisible();
  await expect(first.getByLabel(bob.displayName)).toHaveValue("2");
  await first.getByLabel(ann.displayName).selectOption("1");
  await first.getByRole("button", { name: "Cast my ballot" }).click();
  const receipt = (await first.getByTestId("receipt").textContent())!;
  expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await first.reload();
  await expect(first.getByText("You have voted.")).toBeVisible();

  for (const s of sessions.slice(1)) {
    await s.page.goto(url);
    await s.page.getByLabel(bob.displayName).selectOption("1");
    await s.page.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(s.page.getByTestId("receipt")).toBeVisible();
  }

  // Nobody counts it by hand: the worker does at the closing time.
  await expect(async () => {
    await first.goto(url);
    await expect(first.getByRole("heading", { name: "Result" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 120_000, intervals: [3000] });
  // The result line (the round-by-round table names the elected too).
  await expect(first.getByText(`Elected: ${bob.displayName}. Counted`)).toBeVisible();
  await expect(first.getByTestId("reconciliation")).toContainText("voted 3 · blank 0 · valid 3 · counted 3");

  const [row] = await db.select({ blt: elections.ballotsBlt, sha: elections.bltSha256 }).from(elections).where(eq(elections.id, electionId));
  const blt = await first.request.get(`${url}/ballots.blt`);
  expect(await blt.text()).toBe(row!.blt);
  await expect(first.getByText(`sha256 ${row!.sha}`)).toBeVisible();

  await first.getByLabel("Your receipt code").fill(receipt);
  await first.getByRole("button", { name: "Find my ballot" }).click();
  const found = first.getByRole("status").filter({ hasText: "Your ballot is in the published file" });
  await expect(found.getByRole("listitem")).toHaveText([ann.displayName, bob.displayName]);

  for (const s of [a, n, b, ...sessions]) await s.context.close();
});
