import { describe, expect, it } from "vitest";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import { TABLES } from "./tables";

const schemaTables = (Object.values(schema) as unknown[])
  .filter((x): x is PgTable => is(x, PgTable))
  .map((t) => getTableName(t))
  .sort();

describe("open-data table classification", () => {
  it("decides for every table of the schema what each tier carries", () => {
    const missing = schemaTables.filter((t) => !(t in TABLES));
    expect(missing, "add these tables to lib/open-data/tables.ts: what may a visitor see of them, and what is a member's own?").toEqual([]);
  });

  it("names no table the schema does not have", () => {
    expect(Object.keys(TABLES).filter((t) => !schemaTables.includes(t))).toEqual([]);
  });

  it("gives every table a group and a description, and skipped tables a reason", () => {
    for (const [name, spec] of Object.entries(TABLES)) {
      expect(spec.group, name).toMatch(/^[a-z][a-z-]*$/);
      expect(spec.about.length, name).toBeGreaterThan(10);
      if (spec.skip) expect(spec.public === null && spec.member === null, `${name} is skipped, so no tier carries it`).toBe(true);
    }
  });

  it("keeps secrets out of the member tier", () => {
    for (const [name, spec] of Object.entries(TABLES)) {
      for (const secret of spec.secrets ?? []) {
        if (spec.member) expect(spec.member.omit ?? [], `${name}.${secret}`).toContain(secret);
        if (spec.public && spec.public.columns !== "all") expect(Object.keys(spec.public.columns), `${name}.${secret}`).not.toContain(secret);
      }
    }
  });
});
