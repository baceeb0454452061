/**
 * Issue 10's "must show": two web instances, each from its own copy of the one build, sharing
 * PostgreSQL and Redis behind one address (scripts/lib/cluster.ts), behave as one site.
 * The collaboration engineer adds the sidecar cases (clients split across two sidecars converge;
 * a suspension through web a closes the member's socket on sidecar 2 in under a second) here,
 * on the same harness.
 */
import { randomBytes } from "node:crypto";
import { startCluster, type Cluster } from "../scripts/lib/cluster";
import { signIn } from "./fixtures";
import { expect, test } from "./fixtures/discussion";

const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let cluster: Cluster;

test.describe("several web instances as one site", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = await startCluster({
      webs: 2,
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
});
