import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/empty.ts") },
    ],
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,db,scripts,collab}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // Property tests and the fair-panel LP are CPU-bound: on a loaded two-core CI machine they take several times their quiet time.
          // The limit is there to catch a hang, not to time them (the benches do that).
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,db,scripts,collab}/**/*.int.test.ts"],
          globalSetup: ["lib/testing/integration-setup.ts"],
          // One shared database: files run one after another so order-sensitive checks stay exact.
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
