/** The rules of the agreement map and thread digests (issue 13). Composed into the one table in ../permissions.ts. */
import type { RuleTable } from "../core";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- actions are added as the capability lands
export interface ConvergenceResources {}

export const convergenceRules: RuleTable<ConvergenceResources> = {};
