import { test as setup } from "@playwright/test";
import { DEMO_PASSWORD, demo, signIn, STORAGE } from "./fixtures";

// Signs in once per role and keeps the session for the specs that act as that role.
const ROLES = [
  ["admin", demo("admin")],
  ["moderator", demo("moderator1")],
  ["member", demo("member1")],
  ["council", demo("council1")],
] as const;

for (const [role, email] of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, email, DEMO_PASSWORD);
    await page.context().storageState({ path: STORAGE[role] });
  });
}
