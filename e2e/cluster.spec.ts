/**
 * Issue 10's "must show": two web instances, each from its own copy of the one build, and two
 * collaboration sidecars, sharing PostgreSQL and Redis (scripts/lib/cluster.ts), behave as one
 * site. Web a names sidecar 1 to its browsers and web b sidecar 2, so editors on a and b edit
 * the same Response through different sidecars.
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page, WebSocket as PageSocket } from "@playwright/test";
import { ensureResponse } from "@/lib/collab/documents";
import { createTestPaper, uniqueSuffix } from "@/lib/testing/factories";
import { startCluster, type Cluster } from "../scripts/lib/cluster";
import { signIn } from "./fixtures";
import { editorOf, expectConnected, storedText, typeAtEnd } from "./fixtures/collab";
import { expect, test } from "./fixtures/discussion";

const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let cluster: Cluster;

test.describe("several web instances as one site", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = await startCluster({
      webs: 2,
      sidecars: 2,
      env: { REDIS_URL, REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? "commonplace-e2e"}-cluster-${randomBytes(4).toString("hex")}` },
    });
  });
  test.afterAll(async () => {
    await cluster?.stop();
  });

  /** A visitor's plain GET straight to one instance, with Next's cache verdict. */
  const visit = async (web: string, path: string) => {
    const res = await fetch(`${cluster.web(web).url}${path}`, { redirect: "manual" });
    return { status: res.status, cache: res.headers.get("x-nextjs-cache"), csp: res.headers.get("content-security-policy") ?? "", body: await res.text() };
  };

  test("a server action rendered by web a is accepted by web b", async ({ browser, makePerson }) => {
    const person = await makePerson({ name: "Cluster Signer" });
    const context = await browser.newContext({ baseURL: cluster.front.url });
    const page = await context.newPage();
    cluster.front.pin("a");
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
    const fromA = cluster.front.served.length;
    expect(cluster.front.served.some((r) => r.web === "a" && r.method === "GET" && r.path === "/sign-in")).toBe(true);

    // The form (its action id, the router state) came from a; the post goes to b.
    cluster.front.pin("b");
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    const after = cluster.front.served.slice(fromA);
    expect(after.some((r) => r.web === "b" && r.method === "POST")).toBe(true);
    expect(after.every((r) => r.web === "b")).toBe(true);
    expect(cluster.webs.map((w) => w.stderr()).join("")).not.toMatch(/Failed to find Server Action/);
    await context.close();
  });

  test("a comment posted through web a clears the cached page on web b", async ({ browser, makePaper, makePerson }) => {
    const paper = await makePaper({ title: "A paper read on two servers" });
    const path = `/papers/${paper.id}`;

    // b renders the visitors' page and caches it; a serves that same entry from the shared cache.
    const first = await visit("b", path);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("MISS");
    const onA = await visit("a", path);
    expect(onA.cache).toBe("HIT");
    expect((await visit("b", path)).cache).toBe("HIT");
    // The cached page carries a strict policy: its inline scripts by hash, nothing inline by default.
    expect(onA.csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+(;|$)/);
    expect(onA.csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain("unsafe-inline");

    const text = `Cluster comment ${randomBytes(4).toString("hex")}`;
    expect(first.body).not.toContain(text);
    const person = await makePerson({ name: "Cluster Commenter" });
    const context = await browser.newContext({ baseURL: cluster.front.url });
    const page = await context.newPage();
    cluster.front.pin("a");
    const fromHere = cluster.front.served.length;
    await signIn(page, person.email, person.password);
    await page.goto(path);
    await page.getByRole("textbox", { name: "Your comment" }).fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("article", { name: /^Comment by / }).filter({ hasText: text })).toBeVisible();
    expect(cluster.front.served.slice(fromHere).every((r) => r.web === "a")).toBe(true);
    await context.close();

    // The very next visitor on b gets a fresh page with the comment: no wait, no stale copy.
    const fresh = await visit("b", path);
    expect(fresh.status).toBe(200);
    expect(fresh.cache).not.toBe("HIT");
    expect(fresh.body).toContain(text);
    expect((await visit("a", path)).body).toContain(text);
  });

  /** A member's page on one web instance (and so on that instance's sidecar), with its sockets watched. */
  const editorOn = async (browser: Browser, web: string, person: { email: string; password: string }, path: string) => {
    const context = await browser.newContext({ baseURL: cluster.web(web).url });
    const page = await context.newPage();
    const sockets: { url: string; closedAt: number | null }[] = [];
    page.on("websocket", (ws: PageSocket) => {
      const entry = { url: ws.url(), closedAt: null as number | null };
      sockets.push(entry);
      ws.on("close", () => {
        entry.closedAt = Date.now();
      });
    });
    await signIn(page, person.email, person.password);
    await page.goto(path);
    await expectConnected(page);
    return { context, page, sockets };
  };
  const word = (tag: string) => `${tag}${uniqueSuffix().replace(/[^a-z]/g, "")}`;

  test("editors on web a and web b, each through its own sidecar, converge", async ({ browser, db, makePerson }) => {
    const paper = await createTestPaper(db);
    const path = `/papers/${paper.id}/response`;
    const a = await editorOn(browser, "a", await makePerson({ name: "Editor On One" }), path);
    const b = await editorOn(browser, "b", await makePerson({ name: "Editor On Two" }), path);
    // Each browser's socket goes to its instance's sidecar.
    expect(a.sockets.map((s) => s.url).every((u) => u.startsWith(cluster.sidecars[0]!.url))).toBe(true);
    expect(b.sockets.map((s) => s.url).every((u) => u.startsWith(cluster.sidecars[1]!.url))).toBe(true);

    const [fromA, fromB] = [word("one"), word("two")];
    await typeAtEnd(a.page, ` ${fromA}`);
    await typeAtEnd(b.page, ` ${fromB}`);
    for (const p of [a.page, b.page] as Page[]) {
      await expect(editorOf(p)).toContainText(fromA);
      await expect(editorOf(p)).toContainText(fromB);
    }
    // PostgreSQL holds both, written before either sidecar broadcast them.
    const doc = `response.${await ensureResponse(db, paper.id)}`;
    await expect.poll(() => storedText(db, doc), { timeout: 10_000 }).toContain(fromA);
    await expect.poll(() => storedText(db, doc), { timeout: 10_000 }).toContain(fromB);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  test("a suspension through web a closes the member's socket on sidecar 2 in under a second", async ({ browser, db, makePerson }) => {
    const paper = await createTestPaper(db);
    const member = await makePerson({ name: `Suspended On Two ${uniqueSuffix()}` });
    const admin = await makePerson({ name: "Cluster Admin", roles: ["admin"] });
    const target = await editorOn(browser, "b", member, `/papers/${paper.id}/response`);
    const socket = target.sockets.find((s) => s.url.startsWith(cluster.sidecars[1]!.url) && s.closedAt === null);
    expect(socket, "the member is connected to sidecar 2").toBeTruthy();

    const adminContext = await browser.newContext({ baseURL: cluster.web("a").url });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin.email, admin.password);
    await adminPage.goto(`/admin/members?q=${encodeURIComponent(member.displayName)}`);
    const entry = adminPage.getByRole("listitem", { name: member.displayName });
    await entry.getByRole("button", { name: "Suspend" }).click();
    const dialog = adminPage.getByRole("dialog", { name: `Suspend ${member.displayName}?` });
    await dialog.getByLabel("Reason").fill("Cluster test");
    // The suspension is committed before web a answers the action; the clock starts there.
    const answered = adminPage.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/admin/members"));
    await dialog.getByRole("button", { name: "Suspend member" }).click();
    await answered;
    const committedBy = Date.now();
    await expect(adminPage.getByRole("status").filter({ hasText: "Member suspended" })).toBeVisible();
    await expect.poll(() => socket!.closedAt, { timeout: 5_000 }).not.toBeNull();
    const late = socket!.closedAt! - committedBy;
    console.log(`sidecar 2 closed the suspended member's socket ${late} ms after web a answered the suspension`);
    expect(late).toBeLessThan(1000);
    await Promise.all([target.context.close(), adminContext.close()]);
  });
});
