import type { SQL } from "drizzle-orm";
import { publicNameSql } from "@/lib/auth/public-name";

/** The name a member shows (lib/auth/public-name.ts has the rule), for queries that inner-join users, so never null. */
export const shownName = publicNameSql() as SQL<string>;
