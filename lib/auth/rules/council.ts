/** The rules of the council drawn by lot, recall petitions and appeals (issue 11). Composed into the one table in ../permissions.ts. */
import type { RuleTable } from "../core";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- actions are added as the capability lands
export interface CouncilResources {}

export const councilRules: RuleTable<CouncilResources> = {};
