/** The rules of moderator elections, decisions, the council draw, recall and appeals (issue 11). Composed into the one table in ../permissions.ts. */
import type { RuleTable } from "../core";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- actions are added as the capability lands
export interface GovernanceResources {}

export const governanceRules: RuleTable<GovernanceResources> = {};
