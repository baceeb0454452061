/** Matrix cells for the actions of ../rules/open-data.ts: one entry per action (the type makes a missing one a compile error). */
import { Writable } from "node:stream";
import type { OpenDataResources } from "@/lib/auth/rules/open-data";
import { exportFullBundle, exportMemberBundle, getPublicBundle, importSiteBundle } from "@/lib/open-data/commands";
import { BundleError } from "@/lib/open-data/format";
import { createPerson } from "@/lib/testing/factories";
import { ADMIN, ALL, NOBODY, SIGNED_IN, type MatrixCells } from "./harness";

const discard = () =>
  new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });

export const openDataCells: MatrixCells<OpenDataResources> = {
  "openData.exportPublic": {
    allowed: { state: "the latest public bundle (or none yet)", who: ALL, run: (db, { actor }) => getPublicBundle(db, actor) },
    restricted: { none: "the public bundle holds only what any visitor can read" },
  },
  "openData.exportOwn": {
    allowed: { state: "one's own data", who: SIGNED_IN, run: (_db, { actor }) => exportMemberBundle(actor, actor.id ?? "00000000-0000-4000-8000-000000000000", discard()) },
    restricted: { state: "another member's data", who: NOBODY, run: async (db, { actor }) => exportMemberBundle(actor, (await createPerson(db)).id, discard()) },
  },
  "openData.exportFull": {
    // The real export reads every table of the shared test database, which the other test files are filling meanwhile.
    allowed: { state: "the whole site", who: ADMIN, run: (db, { actor }) => exportFullBundle(db, actor, {}, discard()), timeoutMs: 120_000 },
    restricted: { none: "the rule reads the role only" },
  },
  "openData.import": {
    // Past the rule, the test database is not a fresh site, so the restore itself refuses: that refusal is the sign the rule let the admin through.
    allowed: {
      state: "a site that already has members",
      who: ADMIN,
      run: (_db, { actor }) =>
        importSiteBundle(actor, "/nonexistent/bundle.tar").catch((e: unknown) => {
          if ((e instanceof BundleError) || (e as NodeJS.ErrnoException).code === "ENOENT") return;
          throw e;
        }),
    },
    restricted: { none: "the rule reads the role only" },
  },
};
