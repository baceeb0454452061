import { sql } from "drizzle-orm";
import { users } from "@/db/schema";

/** The name a member shows (their pseudonym when they chose one), as a column of a query on users. */
export const shownName = sql<string>`case when ${users.usePseudonym} and ${users.pseudonym} is not null then ${users.pseudonym} else ${users.displayName} end`;
