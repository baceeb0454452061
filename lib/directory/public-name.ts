import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "@/db/schema";

/**
 * The name a member shows: their pseudonym when they chose one, else their display name.
 * The directory, help requests, messages and stories read names only through this.
 * (The security engineer is consolidating one helper for the whole site; this follows the same rule
 * as `loadActor` and is to be replaced by it when it lands.)
 */
export const publicNameSql = (u: { usePseudonym: AnyPgColumn; pseudonym: AnyPgColumn; displayName: AnyPgColumn } = users): SQL<string> =>
  sql<string>`(case when ${u.usePseudonym} and ${u.pseudonym} is not null then ${u.pseudonym} else ${u.displayName} end)`;
