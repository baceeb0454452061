import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
/** The collaboration sidecar next to `next start`; npm test picks a free port. */
const collabPort = Number(process.env.E2E_COLLAB_PORT ?? 1244);
const collabEnv = {
  COLLAB_PORT: String(collabPort),
  COLLAB_URL: `ws://localhost:${collabPort}`,
  COLLAB_ALLOWED_ORIGINS: baseURL,
};

/** Run through `npm test`, which makes the database, builds the app and sets E2E_PORT. */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: [
    {
      // The production server npm start runs (it gives the throttles the socket's address).
      command: "node --import tsx scripts/serve.ts",
      url: baseURL,
      // Links in e-mails and feeds come from SITE_URL alone (account-recovery.spec.ts checks a forged Host cannot change them).
      env: { ...collabEnv, SITE_URL: baseURL, PORT: String(port) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --import tsx collab/main.ts",
      url: `http://127.0.0.1:${collabPort}/health`,
      env: collabEnv,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
