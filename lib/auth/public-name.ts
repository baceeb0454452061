/**
 * Which name a member shows (brief: "a member can choose a pseudonym"): to everyone but admins,
 * a member who chose to be shown by a pseudonym is shown by it, everywhere their name appears.
 * This is the one home of that rule: queries select `publicNameSql()`, code that already holds
 * the columns calls `publicName()`. Never select `users.displayName` for a page others see.
 */
import { sql, type SQL } from "drizzle-orm";
import { users } from "@/db/schema";

/** The columns the rule reads. */
export interface NameColumns {
  displayName: string;
  pseudonym: string | null;
  usePseudonym: boolean;
}

/** The shown name. A blank pseudonym counts as none, in TypeScript and in SQL alike. */
export function publicName(u: NameColumns): string {
  return u.usePseudonym && u.pseudonym !== null && u.pseudonym.trim() !== "" ? u.pseudonym : u.displayName;
}

/**
 * The same rule in SQL for a `users` row or an alias of it (`aliasedTable(users, "author")`).
 * Null when the row is missing, i.e. a left join to an account that was erased: callers word that.
 */
export function publicNameSql(u: typeof users = users): SQL<string | null> {
  return sql<string | null>`case when ${u.usePseudonym} and btrim(coalesce(${u.pseudonym}, '')) <> '' then ${u.pseudonym} else ${u.displayName} end`;
}
