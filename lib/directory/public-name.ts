/** The directory, help requests, messages and stories show names only through the site's one rule. */
import type { SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import { publicNameSql } from "@/lib/auth/public-name";

export { publicName, publicNameSql } from "@/lib/auth/public-name";

/** The same rule for an inner join, where the account exists and the name is never null. */
export const memberNameSql = (u: typeof users = users): SQL<string> => publicNameSql(u) as SQL<string>;
