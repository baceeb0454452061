/**
 * The co-editing handshake in a real browser, against `next start` and the sidecar that
 * Playwright starts next to it: the page asks /api/collab/token for a pass and opens the
 * websocket with it as a subprotocol. Editors get write, registered members read, visitors nothing.
 */
import type { Page } from "@playwright/test";
import { ensureResponse } from "@/lib/collab/documents";
import { createTestPaper } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

async function handshake(page: Page, doc: string, tamper = false) {
  return page.evaluate(
    async ({ doc, tamper }) => {
      const res = await fetch("/api/collab/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ doc }) });
      if (!res.ok) return { status: res.status };
      const ticket = (await res.json()) as { token: string; mode: string; url: string };
      const token = tamper ? ticket.token.slice(0, -4) + "AAAA" : ticket.token;
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${ticket.url}/${doc}`, [`commonplace.token.${token}`]);
        ws.binaryType = "arraybuffer";
        // The sidecar speaks first on an accepted socket: its sync step 1.
        ws.onmessage = () => {
          resolve("open");
          ws.close();
        };
        ws.onclose = (e) => resolve(`closed ${e.code}`);
        setTimeout(() => resolve(`still ${ws.readyState}`), 5000);
      });
      return { status: res.status, mode: ticket.mode, socket };
    },
    { doc, tamper },
  );
}

test("members get a pass to the co-edited response: editors write, registered members read, visitors none", async ({ browser, db, makePerson }) => {
  const paper = await createTestPaper(db);
  const doc = `response.${await ensureResponse(db, paper.id)}`;

  const member = await makePerson();
  const memberPage = await (await browser.newContext()).newPage();
  await signIn(memberPage, member.email, member.password);
  expect(await handshake(memberPage, doc)).toEqual({ status: 200, mode: "write", socket: "open" });
  // A pass whose signature was tampered with never becomes a socket.
  expect((await handshake(memberPage, doc, true)).socket).toBe("closed 1006");

  const registered = await makePerson({ standing: "registered" });
  const registeredPage = await (await browser.newContext()).newPage();
  await signIn(registeredPage, registered.email, registered.password);
  expect(await handshake(registeredPage, doc)).toEqual({ status: 200, mode: "read", socket: "open" });

  const visitorPage = await (await browser.newContext()).newPage();
  await visitorPage.goto("/");
  expect(await handshake(visitorPage, doc)).toEqual({ status: 401 });
});
