/** The rules of the open-data export and import (issue 14). Composed into the one table in ../permissions.ts. */
import type { RuleTable } from "../core";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- actions are added as the capability lands
export interface OpenDataResources {}

export const openDataRules: RuleTable<OpenDataResources> = {};
