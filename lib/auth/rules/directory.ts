/** The rules of the members' directory, help requests and anecdotes (issue 12). Composed into the one table in ../permissions.ts. */
import type { RuleTable } from "../core";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- actions are added as the capability lands
export interface DirectoryResources {}

export const directoryRules: RuleTable<DirectoryResources> = {};
