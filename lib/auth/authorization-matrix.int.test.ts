/**
 * The authorisation matrix: every action the rules define, run for real (the command or query
 * that pages and actions call) by every kind of person, on a resource in a state the rule allows
 * and in one it restricts, asserting allow or deny. The table is written to test-results/.
 *
 * How a capability plugs in: its actions live in `rules/<capability>.ts`; its cells live in
 * `matrix/<capability>.ts`, one entry per action (the `MatrixCells<...Resources>` type makes a
 * missing action a compile error, and the completeness check below fails if an action of ACTIONS
 * has no cells). Each entry names who may act on an allowed and on a restricted resource state,
 * and runs the real command. A refusal must be a typed `forbidden`/`unauthenticated` error; a
 * cell whose rule hides existence says `refusal: "hidden"` (then `not_found` counts), and a
 * query that answers without the thing says `refusal: "omitted"` and throws `omitted(...)`.
 *
 *   // lib/auth/matrix/governance.ts
 *   export const governanceCells: MatrixCells<GovernanceResources> = {
 *     "election.vote": {
 *       allowed: { state: "open election", who: VERIFIED, run: async (db, { actor }) => castBallot(db, actor, (await createTestElection(db)).id, ballot) },
 *       restricted: { state: "closed election", who: NOBODY, run: async (db, { actor }) => castBallot(db, actor, (await createTestElection(db, { closed: true })).id, ballot) },
 *     },
 *     "election.create": { allowed: { state: "no resource", who: ADMIN, run: (db, { actor }) => createElection(db, actor, input) }, restricted: { none: "the rule reads the role only" } },
 *   };
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { ACTIONS, VISITOR, type ActionResources } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestTheme, type PersonSpec } from "@/lib/testing/factories";
import { convergenceCells } from "./matrix/convergence";
import { coreCells } from "./matrix/core";
import { councilCells } from "./matrix/council";
import { directoryCells } from "./matrix/directory";
import { governanceCells } from "./matrix/governance";
import { Omitted, ROLES, type MatrixCells, type Role, type Scenario, type Subject } from "./matrix/harness";
import { openDataCells } from "./matrix/open-data";

const db = getDb();
afterAll(() => closeDb());

const CELLS: MatrixCells<ActionResources> = { ...coreCells, ...governanceCells, ...councilCells, ...directoryCells, ...convergenceCells, ...openDataCells };

async function makeSubject(role: Role): Promise<Subject> {
  const theme = await createTestTheme(db);
  if (role === "visitor") return { actor: VISITOR, themeId: theme.id };
  const spec: PersonSpec = {
    registered: { standing: "registered" },
    member: {},
    curator: { curates: [theme.id] },
    moderator: { roles: ["moderator"] },
    fact_editor: { roles: ["fact_editor"] },
    council: { roles: ["council"] },
    admin: { roles: ["admin"] },
    "suspended admin": { roles: ["admin"], standing: "suspended" },
  }[role] as PersonSpec;
  const person = await createPerson(db, spec);
  return { actor: await loadActor(db, person.id), themeId: theme.id };
}

/** Runs one cell; a refusal in a shape the scenario does not declare is rethrown, failing the cell. */
async function attempt(scenario: Scenario, subject: Subject): Promise<"allow" | "deny"> {
  try {
    await scenario.run(db, subject);
    return "allow";
  } catch (e) {
    const refusal = scenario.refusal ?? "forbidden";
    if (isAppError(e) && (e.kind === "forbidden" || e.kind === "unauthenticated")) return "deny";
    if (isAppError(e) && e.kind === "not_found" && refusal === "hidden") return "deny";
    if (e instanceof Omitted && refusal === "omitted") return "deny";
    throw e;
  }
}

const results: { action: string; state: string; outcomes: Partial<Record<Role, "allow" | "deny">> }[] = [];
let cellCount = 0;

describe("authorisation matrix", () => {
  for (const action of ACTIONS) {
    const cells = CELLS[action];
    const scenarios = [cells.allowed, ...("none" in cells.restricted ? [] : [cells.restricted])];
    for (const scenario of scenarios) {
      const row: (typeof results)[number] = { action, state: scenario.state, outcomes: {} };
      results.push(row);
      describe(`${action} · ${scenario.state}`, () => {
        for (const role of ROLES) {
          const allowed = scenario.who.has(role);
          cellCount++;
          it(`${role} is ${allowed ? "allowed" : "denied"}`, async () => {
            const outcome = await attempt(scenario, await makeSubject(role));
            row.outcomes[role] = outcome;
            expect(outcome).toBe(allowed ? "allow" : "deny");
          }, scenario.timeoutMs);
        }
      });
    }
  }

  it("covers every action the permission rules define, each on an allowed and a restricted state (or says why there is none)", () => {
    expect(Object.keys(CELLS).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const { allowed, restricted } = CELLS[action];
      expect(allowed.who.size, `${action}: somebody may act in the allowed state`).toBeGreaterThan(0);
      if ("none" in restricted) expect(restricted.none.length, `${action}: say why there is no restricted state`).toBeGreaterThan(10);
      // A restricted state that allows exactly the same people restricts nothing.
      else expect([...restricted.who].sort(), `${action}: the restricted state changes who may`).not.toEqual([...allowed.who].sort());
    }
  });
});

afterAll(() => {
  const header = `| action | state | ${ROLES.join(" | ")} |\n|---|---|${ROLES.map(() => "---").join("|")}|`;
  const rows = results.map((r) => `| ${r.action} | ${r.state} | ${ROLES.map((role) => (r.outcomes[role] === "allow" ? "allow" : r.outcomes[role] === "deny" ? "·" : "?")).join(" | ")} |`);
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/authorization-matrix.md", `${cellCount} cells.\n\n${header}\n${rows.join("\n")}\n`);
});
